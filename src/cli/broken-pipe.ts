/**
 * `npm run ask -- --json < qs.txt | head`: once the reader has what it wants it closes the pipe, and the
 * next write fails with EPIPE. That is the reader's choice, not an error: stop quietly with success
 * instead of an unhandled 'error' event and a stack trace.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

// `qod-conformance --help | head -1`: the reader closed the pipe, so nobody reads the rest. Exit
// quietly with the code the command had, instead of an EPIPE stack trace from an unhandled 'error'.
export function exitQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

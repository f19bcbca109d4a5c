/** When whoever reads our output goes away (`… | head`), stop quietly instead of crashing with EPIPE. */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

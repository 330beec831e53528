// The exit codes every command uses: 0 clean, 1 the driver has a problem (error finding,
// verifier finding, bug), 2 wdfsim's input or usage was wrong.

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_INPUT = 2;

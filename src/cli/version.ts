/** The CLI's version, set by the build (esbuild `define`); SARIF and --version report it. */
declare const __VERSION__: string | undefined;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

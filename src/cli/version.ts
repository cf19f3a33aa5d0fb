import pkg from '../../package.json' with { type: 'json' };

/** kb-bot's version, from package.json (inlined into dist/ at build time). */
export const VERSION: string = pkg.version;

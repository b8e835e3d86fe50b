/**
 * The package version. `__GIRL_PACKAGE_VERSION__` is replaced by the version in package.json when the
 * package is built (tsup `define`) and when its tests run (vitest `define`), so no source file restates it.
 */
declare const __GIRL_PACKAGE_VERSION__: string;

export const PACKAGE_VERSION: string = __GIRL_PACKAGE_VERSION__;

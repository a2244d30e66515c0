/** The app's version, set by the build (vite.config.ts: VITE_APP_VERSION, package.json's unless given). */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION;

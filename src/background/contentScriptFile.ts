// The content script's source entry and the file the build writes for it
// (crxjs keeps a standalone script's path, with .js). vite.config.ts names the
// entry in the manifest; the background registers the built file for services
// granted later (optionalServices.ts); the manifest test holds the build to it.
export const CONTENT_SCRIPT_SOURCE = 'src/content/main.ts';
export const CONTENT_SCRIPT_FILE = 'src/content/main.js';

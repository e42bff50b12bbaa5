/*
 * The Files tab's size limits, in a module of their own without schemas: the renderer's first screen imports them,
 * and importing them from container-details.ts brought in zod and that file's schemas (built when the module runs).
 */

/** Text view cap: bigger files are offered as a download. */
export const FILE_VIEW_LIMIT = 1024 * 1024;
/** A download is held in memory by the renderer (Blob), so it is bounded. */
export const FILE_DOWNLOAD_LIMIT = 512 * 1024 * 1024;
/** An upload is sent in chunks of at most this size, one `uploadChunk` call each (its input limit, see limits.ts). */
export const FILE_UPLOAD_CHUNK = 512 * 1024;
export const FILE_UPLOAD_LIMIT = 512 * 1024 * 1024;

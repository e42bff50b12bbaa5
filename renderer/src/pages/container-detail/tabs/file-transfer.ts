import { FILE_UPLOAD_CHUNK } from '../../../../../preload/contract/file-limits';
import { berth } from '../../../api';

/**
 * Streams a file (or a folder as a tar) out of the container and hands it to the browser as a download: chunks are
 * collected into a Blob (main bounds the size) and saved through a temporary link. In Electron the same link opens the
 * save dialog.
 */
export function downloadFromContainer(container: { engineId: string; id: string }, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let fileName = 'download';
    let kind: 'file' | 'folder' = 'file';
    berth.containerDetails.files.download(
      { engineId: container.engineId, id: container.id, path },
      {
        next(m) {
          if (m.type === 'start') {
            fileName = m.fileName;
            kind = m.kind;
          } else {
            parts.push(new Uint8Array(m.data));
          }
        },
        error: reject,
        complete() {
          const blob = new Blob(parts, { type: kind === 'folder' ? 'application/x-tar' : 'application/octet-stream' });
          const url = URL.createObjectURL(blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = fileName;
          a.style.display = 'none';
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
          resolve(fileName);
        },
      },
    );
  });
}

/** Sends a file into a container folder in chunks (each under the transport's frame limit), reporting progress. */
export async function uploadToContainer(
  container: { engineId: string; id: string },
  folder: string,
  file: File,
  overwrite: boolean,
  onProgress?: (sent: number, total: number) => void,
): Promise<void> {
  const { uploadId } = await berth.containerDetails.files.uploadStart({ engineId: container.engineId, id: container.id, folder, name: file.name, size: file.size, overwrite });
  try {
    for (let at = 0; at < file.size; at += FILE_UPLOAD_CHUNK) {
      const data = new Uint8Array(await file.slice(at, at + FILE_UPLOAD_CHUNK).arrayBuffer());
      await berth.containerDetails.files.uploadChunk({ uploadId, data });
      onProgress?.(Math.min(file.size, at + data.byteLength), file.size);
    }
    await berth.containerDetails.files.uploadFinish({ uploadId });
  } catch (err) {
    await berth.containerDetails.files.uploadCancel({ uploadId }).catch(() => undefined);
    throw err;
  }
}

/** The engine said a file of that name is there (and `overwrite` was not set). */
export { isExistsConflict } from '../../../format/error-message';

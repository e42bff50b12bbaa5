import { LoaderCircle } from 'lucide-react';
import { useCallback } from 'react';
import type { ImageSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { InspectJson } from '../../components/InspectJson';
import { useQuery } from '../../hooks/use-query';
import { closeImageDialog } from './image-dialogs-store';
import { ImageDialogFrame } from './ImageDialogFrame';
import { nameOf } from './image-rows';

/** An image's inspect JSON (config, env, entrypoint, labels, layers, platform), secret-looking env values masked. */
export function ImageInspectDialog({ image }: { image: ImageSummary }) {
  const load = useCallback(() => berth.images.inspect({ engineId: image.engineId, id: image.id }), [image.engineId, image.id]);
  const query = useQuery(load, `${image.engineId} ${image.id}`);
  const name = nameOf(image);
  return (
    <ImageDialogFrame
      title={`Inspect ${name}`}
      size="xl"
      testId="image-inspect"
      bodyClassName="image-inspect-body"
      error={query.error}
      footer={
        <button type="button" className="btn" onClick={closeImageDialog}>
          Close
        </button>
      }
    >
      {query.data ? (
        <InspectJson raw={query.data.raw} secretEnvNames={query.data.secretEnvNames} label={`Inspect JSON of ${name}`} />
      ) : (
        query.loading && (
          <p className="dialog-loading">
            <LoaderCircle size={16} className="spin" /> Reading the image…
          </p>
        )
      )}
    </ImageDialogFrame>
  );
}

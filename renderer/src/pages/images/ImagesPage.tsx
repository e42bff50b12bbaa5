import { Download, FileCode, FolderInput, Hammer, KeyRound, PackagePlus, Sparkles } from 'lucide-react';
import { FilterBox } from '../../components/FilterBox';
import { useMemo, useRef } from 'react';
import { NoEngineScreen } from '../../engine/NoEngineScreen';
import { useEngineView } from '../../engine/use-engine-view';
import { formatBytes } from '../../format/bytes';
import { Segmented, type SegmentedOption } from '../../components/Segmented';
import { ListLoading } from '../../components/ListLoading';
import '../../components/page.css';
import '../containers/containers.css';
import { useContainers } from '../../data/containers';
import { useImages } from '../../data/images';
import { itemsInScope, scopeState, slicesInScope } from '../../data/keyed';
import { groupByEngine } from '../../data/engine-sections';
import { useEnabledEngines, useEngineNames, usePageEngine, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import { ImageDialogs } from './ImageDialogs';
import { DockerfileDialogs } from '../../dockerfile/DockerfileDialogs';
import { openDockerfileDialog } from '../../dockerfile/dockerfile-dialogs';
import { openImageDialog } from './image-dialogs-store';
import { filterImageRows, IMAGE_FILTERS, joinImageRows, sortImageRows, type ImageFilter, type ImageRow } from './image-rows';
import { ImageTable } from './ImageTable';
import { useImageListView } from './images-store';
import { OperationsPanel } from './OperationsPanel';
import { useImagesDiskUse } from './use-images-disk-use';
import { countOf } from '../../format/count';
import './images.css';

export function ImagesPage() {
  const scope = usePageEngine();
  const engineView = useEngineView();
  const byEngine = useImages((s) => s.byEngine);
  const { loaded, error: streamError } = scopeState(byEngine, scope);
  const images = useMemo(() => itemsInScope(byEngine, scope), [byEngine, scope]);
  const containers = useContainers((s) => s.byEngine);
  const showsEngines = useShowsEngines(scope);
  const enabled = useEnabledEngines();
  const names = useEngineNames();
  const filterText = useImageListView((s) => s.filterText);
  const filter = useImageListView((s) => s.filter);
  const sort = useImageListView((s) => s.sort);
  // Joined, sorted, filtered: each step redone only when what it reads changed, so a filter keystroke only filters
  // and a container event that changes no image's users stops at the join (5,000 containers × 2,000 images).
  const joinedBefore = useRef<ReadonlyMap<string, ImageRow>>(undefined);
  const joined = useMemo(() => {
    const rows = joinImageRows(images, itemsInScope(containers, scope), joinedBefore.current);
    joinedBefore.current = rows;
    return rows;
  }, [images, containers, scope]);
  const sorted = useMemo(() => sortImageRows(joined.values(), sort), [joined, sort]);
  const shown = useMemo(() => filterImageRows(sorted, { filterText, filter }), [sorted, filterText, filter]);
  // With several engines shown, each engine's images come under its header.
  const rows = useMemo(() => {
    if (!showsEngines) return shown;
    return groupByEngine(shown, (r) => r.image.engineId, enabled.map((s) => s.engineId), names, (r) => r);
  }, [shown, showsEngines, enabled, names]);
  // The images' sizes summed count a layer several images share in each of them; the disk holds it once.
  const total = useMemo(() => images.reduce((n, i) => n + i.size, 0), [images]);
  const engineIds = useMemo(() => slicesInScope(byEngine, scope).map(([id]) => id), [byEngine, scope]);
  const onDisk = useImagesDiskUse(engineIds, images);
  const dangling = useMemo(() => images.filter((i) => i.dangling).length, [images]);

  const body = (() => {
    if (engineView.kind === 'no-engine') return <NoEngineScreen status={engineView.status} />;
    if (!loaded) return <ListLoading what="images" error={streamError} />;
    if (images.length === 0) {
      return (
        <div className="page-center">
          <h2>No images yet</h2>
          <p>Pull one from a registry or build one from a Dockerfile.</p>
        </div>
      );
    }
    if (rows.length === 0) {
      return (
        <div className="page-center" data-testid="images-no-match">
          <h2>No images match</h2>
          <p>Change the filter to see more.</p>
        </div>
      );
    }
    return <ImageTable rows={rows} showsEngines={showsEngines} filter={`${filter}\n${filterText}`} />;
  })();

  const ready = engineView.kind !== 'no-engine' && loaded;
  return (
    <div className="page images-page">
      <PageHeader title="Images">
        {ready && (
          <span className="page-count" data-testid="image-count" data-total={images.length}>
            {countOf(images.length, 'image')}
            {/* Nothing while the first measure is under way: a figure that changes a moment later reads as a mistake. */}
            {onDisk !== undefined && ' · '}
            {onDisk !== undefined &&
              (onDisk !== null ? (
                <span data-testid="images-on-disk" data-bytes={onDisk} title={`On disk, as docker system df counts it: a layer several images share counted once.\nThe images' own sizes add up to ${formatBytes(total)}.`}>
                  {formatBytes(onDisk)} on disk
                </span>
              ) : (
                <span data-testid="images-size-sum" title="The images' sizes added up: a layer several images share is counted in each. The Disk page measures the disk itself.">
                  {formatBytes(total)}
                </span>
              ))}
            {dangling > 0 && ` · ${dangling} dangling`}
          </span>
        )}
        {/* While the list loads too: `/` and what is typed after it must not fall through to shortcuts. */}
        {engineView.kind !== 'no-engine' && <ImagesToolbar />}
      </PageHeader>
      {ready && (
        <div className="images-actions">
          <button type="button" className="btn btn-primary" onClick={() => openImageDialog({ kind: 'pull' })}>
            <Download size={14} /> Pull…
          </button>
          <button type="button" className="btn" onClick={() => openImageDialog({ kind: 'build' })}>
            <Hammer size={14} /> Build…
          </button>
          <button type="button" className="btn" onClick={() => openDockerfileDialog({ kind: 'containerize' })} title="Propose a Dockerfile, .dockerignore and compose.yaml for a project folder">
            <PackagePlus size={14} /> Containerize a folder…
          </button>
          <button type="button" className="btn" onClick={() => openDockerfileDialog({ kind: 'pick' })} title="Open a Dockerfile from this machine in the editor, with its problems and fixes">
            <FileCode size={14} /> Open a Dockerfile…
          </button>
          <button type="button" className="btn" onClick={() => openImageDialog({ kind: 'registries' })}>
            <KeyRound size={14} /> Registries…
          </button>
          <button type="button" className="btn" onClick={() => openImageDialog({ kind: 'save-load' })}>
            <FolderInput size={14} /> Load…
          </button>
          <button type="button" className="btn" onClick={() => openImageDialog({ kind: 'prune' })}>
            <Sparkles size={14} /> Prune…
          </button>
        </div>
      )}
      {body}
      <OperationsPanel />
      <ImageDialogs />
      <DockerfileDialogs />
    </div>
  );
}

const FILTER_OPTIONS: SegmentedOption<ImageFilter>[] = (Object.keys(IMAGE_FILTERS) as ImageFilter[]).map((id) => ({ id, label: IMAGE_FILTERS[id] }));

function ImagesToolbar() {
  const filterText = useImageListView((s) => s.filterText);
  const setFilterText = useImageListView((s) => s.setFilterText);
  const filter = useImageListView((s) => s.filter);
  const setFilter = useImageListView((s) => s.setFilter);
  return (
    <div className="containers-toolbar">
      <FilterBox value={filterText} onChange={setFilterText} placeholder="Filter: tag, id, container" label="Filter images" />
      <Segmented options={FILTER_OPTIONS} value={filter} onChange={setFilter} aria-label="Filter images by use" />
    </div>
  );
}

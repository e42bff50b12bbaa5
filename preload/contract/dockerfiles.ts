import { z } from 'zod';
import { method } from './define';
import { absolutePath } from './common';
import { formatLimit, STACK_FILE_MAX_BYTES } from './limits';
import { fileStamp, type FileStamp, type SaveResult, type StackFile } from './stacks';

/** One step of a finished (or failed) build, from the engine's own stream: why the build took what it took. */
export interface BuildStepReport {
  step: number;
  /** As the engine printed it, e.g. `RUN pip install --no-cache-dir -r requirements.txt`. */
  instruction: string;
  /** Wall time from this step's start to the next one's (or the end). */
  ms: number;
  /** The engine reused a cached layer (` ---> Using cache`). */
  cached: boolean;
  /** Bytes the step's layer added to the image; null when unknown (an earlier stage's step, a failed step). */
  size: number | null;
  failed: boolean;
  /** Why the cache broke here (or why this step ran again), when Berth can tell. */
  note: string | null;
}

/** What the build context holds, where it matters to a lint rule (see renderer/src/dockerfile/lint-types.ts). */
export interface ContextFacts {
  names: string[];
  hasDockerignore: boolean;
}

export interface OpenedDockerfile {
  file: StackFile;
  /** The folder the Dockerfile is in: the build context Berth assumes for it. */
  context: string;
  /** Null when the folder cannot be listed. */
  facts: ContextFacts | null;
}

export type ProjectKind = 'python' | 'node' | 'go' | 'static' | 'other';
export const CONTAINERIZE_FILES = ['Dockerfile', '.dockerignore', 'compose.yaml'] as const;
export type ContainerizeFileName = (typeof CONTAINERIZE_FILES)[number];

export interface ProposedFile {
  name: ContainerizeFileName;
  path: string;
  /** What Berth proposes. */
  text: string;
  /** The file on disk now (stamp null when there is none): the preview shows a diff when it exists. */
  disk: StackFile;
}

export interface ContainerizeProposal {
  folder: string;
  kind: ProjectKind;
  /** What was found, for people: "Python (requirements.txt), runs app.py". */
  summary: string;
  /** The port the app listens on, when known (compose publishes it and checks health on it). */
  port: number | null;
  /** The image name the compose file and a build use. */
  imageName: string;
  files: ProposedFile[];
  /** Things the user should check (a guessed start command, no lock file). */
  notes: string[];
}

export type ContainerizeWriteResult =
  | { ok: true; written: { name: ContainerizeFileName; path: string; stamp: FileStamp }[] }
  /** A file exists (or changed) that the user did not confirm replacing: nothing at all was written. */
  | { ok: false; conflicts: { name: ContainerizeFileName; disk: StackFile }[] };

const fileText = z.string().max(STACK_FILE_MAX_BYTES, `a file is at most ${formatLimit(STACK_FILE_MAX_BYTES)}`);
/** Names a Dockerfile has: `save` writes nothing else, so a page cannot use it to write anywhere. */
export const DOCKERFILE_NAME = /^(Dockerfile([.-][\w.-]+)?|[\w.-]+\.[Dd]ockerfile|Containerfile([.-][\w.-]+)?)$/;

export const dockerfilesContract = {
  /** A Dockerfile with its stamp, and what its folder holds (for the .dockerignore rule). */
  open: method<OpenedDockerfile>()(z.strictObject({ path: absolutePath })),
  /**
   * Writes exactly `text` atomically unless the file on disk differs from `expected` (null = "did not exist");
   * `force` overwrites anyway. The replaced version is kept in the history, as for stack files.
   */
  save: method<SaveResult>()(
    z.strictObject({ path: absolutePath, text: fileText, expected: fileStamp.nullable(), force: z.boolean().default(false) }),
    { maxInputBytes: STACK_FILE_MAX_BYTES + 16 * 1024 },
  ),
  /** Looks at a project folder and proposes a Dockerfile, a .dockerignore and a compose.yaml. Writes nothing. */
  propose: method<ContainerizeProposal>()(z.strictObject({ folder: absolutePath })),
  /**
   * Writes the files into the folder, all or nothing: a file whose disk version is not `expected` (null = "must not
   * exist") is a conflict and nothing is written. Confirming an overwrite = sending the stamp the diff showed.
   */
  write: method<ContainerizeWriteResult>()(
    z.strictObject({
      folder: absolutePath,
      files: z
        .array(z.strictObject({ name: z.enum(CONTAINERIZE_FILES), text: fileText, expected: fileStamp.nullable() }))
        .min(1)
        .max(CONTAINERIZE_FILES.length)
        .refine((f) => new Set(f.map((x) => x.name)).size === f.length, 'each file once'),
    }),
    // The three files together are held to one stack file's size: generated files are a few KiB.
    { maxInputBytes: STACK_FILE_MAX_BYTES + 16 * 1024 },
  ),
};

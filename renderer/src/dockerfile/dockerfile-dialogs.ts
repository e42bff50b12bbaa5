import { create } from 'zustand';

/** The Dockerfile dialog open now: the editor (from a build, a failed step, a stack, the host picker) or the containerize wizard. */
export type DockerfileDialog =
  | { kind: 'edit'; path: string; step?: number | null }
  | { kind: 'containerize'; folder?: string }
  /** The host file browser, to choose a Dockerfile anywhere on the machine and open it in the editor. */
  | { kind: 'pick' };

export const useDockerfileDialogs = create<{ dialog: DockerfileDialog | null }>()(() => ({ dialog: null }));
export const openDockerfileDialog = (dialog: DockerfileDialog) => useDockerfileDialogs.setState({ dialog });
export const closeDockerfileDialog = () => useDockerfileDialogs.setState({ dialog: null });

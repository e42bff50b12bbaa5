import { create } from 'zustand';
import type { RememberedStack, StackAction, StackRunMessage, StackServiceState } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';

/** One compose operation's output as the operations panel shows it. */
export interface StackOperation {
  id: number;
  stackKey: string;
  label: string;
  command: string | null;
  lines: { text: string; stream: 'stdout' | 'stderr'; service: string | null }[];
  /** The latest step per service. */
  services: Record<string, { step: string; state: StackServiceState; error?: string }>;
  running: boolean;
  ok: boolean | null;
  failures: { service: string | null; message: string }[];
  cancel: (() => void) | null;
}

interface StacksStore {
  remembered: RememberedStack[];
  loaded: boolean;
  error: string | null;
  /** Newest last; one per stack at most is running (main serializes them anyway). */
  operations: StackOperation[];
  refresh(): Promise<void>;
}

const MAX_LINES = 5000;
const MAX_OPERATIONS = 20;
let nextId = 1;

export const useStacksStore = create<StacksStore>()((set) => ({
  remembered: [],
  loaded: false,
  error: null,
  operations: [],
  async refresh() {
    try {
      const remembered = await berth.stacks.remembered({});
      set({ remembered, loaded: true, error: null });
    } catch (e) {
      set({ loaded: true, error: errorMessage(e) });
    }
  },
}));

function patchOperation(id: number, fn: (op: StackOperation) => StackOperation) {
  useStacksStore.setState((s) => ({ operations: s.operations.map((op) => (op.id === id ? fn(op) : op)) }));
}

export function applyRunMessage(op: StackOperation, m: StackRunMessage): StackOperation {
  switch (m.type) {
    case 'start':
      return { ...op, command: m.command, lines: [...op.lines, { text: `$ ${m.command}`, stream: 'stdout', service: null }] };
    case 'line':
      return { ...op, lines: [...op.lines, { text: m.text, stream: m.stream, service: m.service }].slice(-MAX_LINES) };
    case 'service':
      return { ...op, services: { ...op.services, [m.service]: { step: m.step, state: m.state, ...(m.error ? { error: m.error } : {}) } } };
    case 'exit':
      return { ...op, running: false, ok: m.ok, failures: m.failures, cancel: null };
  }
}

export interface RunRequest {
  /** The engine compose runs against (its DOCKER_HOST, TLS variables or context, set by main). */
  engineId: string;
  stackKey: string;
  stackName: string;
  path: string;
  projectName?: string;
  action: StackAction;
  services?: string[];
  build?: boolean;
  pull?: 'default' | 'always' | 'missing' | 'never';
  forceRecreate?: boolean;
  removeOrphans?: boolean;
  removeVolumes?: boolean;
  scale?: { service: string; replicas: number }[];
}

/** Starts a compose action; its output goes to the operations panel, its outcome to a toast. */
export function runStackAction(req: RunRequest): number {
  const id = nextId++;
  const what = `${req.action}${req.services?.length ? ` ${req.services.join(', ')}` : ''}`;
  const op: StackOperation = {
    id,
    stackKey: req.stackKey,
    label: what,
    command: null,
    lines: [],
    services: {},
    running: true,
    ok: null,
    failures: [],
    cancel: null,
  };
  useStacksStore.setState((s) => ({ operations: [...s.operations, op].slice(-MAX_OPERATIONS) }));
  const { stackKey: _k, stackName, ...input } = req;
  const unsubscribe = berth.stacks.run(input, {
    next: (m) => {
      patchOperation(id, (o) => applyRunMessage(o, m));
      if (m.type === 'exit') {
        if (m.ok) toast.success(`${stackName}: ${what} done`);
        else {
          const f = m.failures[0];
          toast.error(`${stackName}: ${what} failed`, f ? `${f.service ? `${f.service}: ` : ''}${f.message}` : undefined);
        }
      }
    },
    error: (e) => {
      patchOperation(id, (o) => ({ ...o, running: false, ok: false, failures: [{ service: null, message: errorMessage(e) }], cancel: null }));
      toast.error(`${stackName}: ${what} failed`, errorMessage(e));
    },
    complete: () => patchOperation(id, (o) => (o.running ? { ...o, running: false, ok: o.ok ?? false, cancel: null } : o)),
  });
  patchOperation(id, (o) => ({
    ...o,
    cancel: () => {
      unsubscribe();
      patchOperation(id, (x) => ({ ...x, running: false, ok: false, failures: [{ service: null, message: 'cancelled' }], cancel: null }));
    },
  }));
  return id;
}

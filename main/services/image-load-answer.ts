import { JsonLineSplitter } from '../engine/json-lines';

/** One line of `POST /images/load`'s answer (docker load): what it loaded, or why it could not. */
interface LoadMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export interface LoadAnswer {
  loaded: string[];
  error: string | null;
}

/**
 * Reads docker load's answer to its end: the references it loaded (`Loaded image: x:1`, or `Loaded image ID: sha256:…`
 * for an untagged one) and the error the engine wrote into the answer, if any (once it has answered, a failure
 * comes as a line of the stream, not as an HTTP status).
 */
export async function readLoadAnswer(answer: AsyncIterable<unknown>): Promise<LoadAnswer> {
  const loaded: string[] = [];
  let error: string | null = null;
  const splitter = new JsonLineSplitter<LoadMessage>((m) => {
    if (m.error) error = m.errorDetail?.message ?? m.error;
    const got = /Loaded image(?: ID)?: (\S+)/.exec(m.stream ?? '');
    if (got) loaded.push(got[1]!);
  });
  for await (const chunk of answer) splitter.push(chunk as Uint8Array);
  splitter.end();
  return { loaded, error };
}

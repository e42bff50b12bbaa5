import { describe, expect, it } from 'vitest';
import { BuildStepTimeline } from './dockerfile-build-steps';

/** The classic builder's stream for a build, one message per line, with a clock that moves as we say. */
function run(lines: (string | { error: string } | number)[], sizes: [string, number][] = []) {
  let now = 0;
  const t = new BuildStepTimeline(() => now);
  for (const l of lines) {
    if (typeof l === 'number') now += l;
    else if (typeof l === 'string') t.push({ stream: `${l}\n` });
    else t.push({ error: l.error, errorDetail: { message: l.error } });
  }
  t.finish();
  return t.report(new Map(sizes));
}

describe('BuildStepTimeline', () => {
  it('times each step, reads cache hits and the size each layer added', () => {
    const steps = run(
      [
        'Step 1/4 : FROM python:3.12-slim',
        ' ---> 1111111111aa',
        10,
        'Step 2/4 : COPY requirements.txt ./',
        ' ---> Using cache',
        ' ---> 2222222222bb',
        20,
        'Step 3/4 : RUN pip install --no-cache-dir -r requirements.txt',
        ' ---> Using cache',
        ' ---> 3333333333cc',
        30,
        'Step 4/4 : COPY . .',
        ' ---> 4444444444dd',
        'Successfully built 4444444444dd',
        5,
      ],
      [
        ['sha256:3333333333cc' + '0'.repeat(52), 50_000_000],
        ['sha256:4444444444dd' + '0'.repeat(52), 1200],
      ],
    );
    expect(steps.map((s) => [s.step, s.ms, s.cached, s.size])).toEqual([
      [1, 10, false, null],
      [2, 20, true, null],
      [3, 30, true, 50_000_000],
      [4, 5, false, 1200],
    ]);
    expect(steps[3]!.note).toMatch(/whole context/);
  });

  it('when the COPY of the context breaks the cache, the slow install after it says why it ran again', () => {
    const steps = run(['Step 1/4 : FROM node:22', 'Step 2/4 : WORKDIR /app', ' ---> Using cache', 'Step 3/4 : COPY . .', 1, 'Step 4/4 : RUN npm ci', 90]);
    expect(steps[2]!.note).toMatch(/whole context/);
    expect(steps[3]!.note).toMatch(/because of the COPY in step 3/);
  });

  it('a changed instruction is named as the first miss; a build with no hits gets no notes', () => {
    const changed = run(['Step 1/3 : FROM a:1', 'Step 2/3 : ENV A=1', ' ---> Using cache', 'Step 3/3 : RUN echo two']);
    expect(changed[2]!.note).toMatch(/instruction changed/);
    const cold = run(['Step 1/2 : FROM a:1', 'Step 2/2 : RUN echo']);
    expect(cold.map((s) => s.note)).toEqual([null, null]);
  });

  it('marks the failing step', () => {
    const steps = run(['Step 1/2 : FROM a:1', 'Step 2/2 : RUN exit 3', 7, { error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" }]);
    expect(steps.map((s) => [s.failed, s.ms])).toEqual([
      [false, 0],
      [true, 7],
    ]);
  });
});

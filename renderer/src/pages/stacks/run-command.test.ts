import { describe, expect, it } from 'vitest';
import { runCommandWords } from './run-command';

describe('pasted docker run command', () => {
  it('joins continuation lines and keeps quoted words whole', () => {
    expect(runCommandWords(`docker run -d \\\n  --name "my app" \\\n  -e 'GREETING=hello world' \\\n  -p 8080:80 nginx sh -c "echo \\"hi\\" && nginx"`)).toEqual([
      'docker', 'run', '-d', '--name', 'my app', '-e', 'GREETING=hello world', '-p', '8080:80', 'nginx', 'sh', '-c', 'echo "hi" && nginx',
    ]);
  });
  it('is null while a quote is open or nothing was pasted', () => {
    expect(runCommandWords('docker run -e "A=1')).toBeNull();
    expect(runCommandWords('  \n ')).toBeNull();
  });
});

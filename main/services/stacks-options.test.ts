import { describe, expect, it } from 'vitest';
import { stackOptions } from '../../preload/contract/stacks';
import { projectArgs, type ComposeCli } from '../engine/compose-cli';
import { composeProject } from './stacks';

const v1: ComposeCli = { kind: 'v1', bin: 'docker-compose', prefix: [], version: '1.29.2' };
const v2: ComposeCli = { kind: 'v2', bin: 'docker', prefix: ['compose'], version: '2.24.6' };
const none = { projectName: null, files: [], profiles: [], envFile: null };

describe('stack options → compose arguments', () => {
  it('without options: the folder name and the stack file', () => {
    expect(projectArgs(v1, composeProject('/s/app/compose.yaml', none))).toEqual(['--ansi', 'never', '-p', 'app', '--project-directory', '/s/app', '-f', '/s/app/compose.yaml']);
  });

  it('name, files in order, each profile, the env file; a running project name wins over the remembered one', () => {
    const options = { projectName: 'shop', files: ['/s/app/compose.yaml', '/s/app/compose.dev.yaml'], profiles: ['debug', 'tools'], envFile: '/s/app/dev.env' };
    expect(projectArgs(v2, composeProject('/s/app/compose.yaml', options))).toEqual([
      'compose', '--ansi', 'never', '-p', 'shop', '--project-directory', '/s/app',
      '-f', '/s/app/compose.yaml', '-f', '/s/app/compose.dev.yaml',
      '--profile', 'debug', '--profile', 'tools', '--env-file', '/s/app/dev.env',
    ]);
    expect(composeProject('/s/app/compose.yaml', options, 'other').name).toBe('other');
  });

  it('validates: absolute paths without "..", profile and project names', () => {
    expect(stackOptions.safeParse({ ...none, envFile: '/s/app/.env' }).success).toBe(true);
    expect(stackOptions.safeParse({ ...none, envFile: 'dev.env' }).success).toBe(false);
    expect(stackOptions.safeParse({ ...none, envFile: '/s/../etc/passwd' }).success).toBe(false);
    expect(stackOptions.safeParse({ ...none, files: ['/s/a.yaml', '/s/x/../b.yaml'] }).success).toBe(false);
    expect(stackOptions.safeParse({ ...none, profiles: ['--all'] }).success).toBe(false);
    expect(stackOptions.safeParse({ ...none, projectName: 'Shop' }).success).toBe(false);
    expect(stackOptions.safeParse({ ...none, extra: 1 }).success).toBe(false);
  });
});

/**
 * The files a project's kustomize builds read: the run's own texts first (what --fix has changed so far,
 * what was read already), else the disk, each file read once.
 */
import fs from 'node:fs';
import { decodeInput } from '../source/read.js';

/** What a kustomize build may ask of the file system (src/kustomize/build.ts's BuildHost). */
export interface FileHost {
  readFile(absPath: string): string | undefined;
  isDirectory(absPath: string): boolean;
  listDirectory?(absPath: string): string[] | undefined;
}

/** A host over the disk, preferring `texts` (absolute path → text). */
export function fileHost(texts: ReadonlyMap<string, string> = new Map()): FileHost & { read: ReadonlySet<string> } {
  const cache = new Map<string, string | undefined>();
  const read = new Set<string>();
  return {
    read,
    readFile(absPath) {
      const given = texts.get(absPath);
      if (given !== undefined) return given;
      if (cache.has(absPath)) return cache.get(absPath);
      let text: string | undefined;
      try {
        const stat = fs.statSync(absPath);
        text = stat.isFile() ? decodeInput(absPath, fs.readFileSync(absPath)).text : undefined;
      } catch {
        text = undefined;
      }
      cache.set(absPath, text);
      if (text !== undefined) read.add(absPath);
      return text;
    },
    isDirectory(absPath) {
      try {
        return fs.statSync(absPath).isDirectory();
      } catch {
        return false;
      }
    },
    listDirectory(absPath) {
      try {
        return fs.readdirSync(absPath).sort();
      } catch {
        return undefined;
      }
    },
  };
}

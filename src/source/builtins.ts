/**
 * Node built-in modules that few runs use, loaded when first needed: importing one costs every run,
 * however small, several milliseconds of start-up (node:crypto for SARIF fingerprints and kustomize
 * generator hashes, node:net for IP formats in custom-resource validation, node:v8 to tune a large
 * lint run's compiler).
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let crypto: typeof import('node:crypto') | undefined;
let net: typeof import('node:net') | undefined;
let v8: typeof import('node:v8') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (crypto ??= load('node:crypto') as typeof import('node:crypto'));
}

export function nodeNet(): typeof import('node:net') {
  return (net ??= load('node:net') as typeof import('node:net'));
}

export function nodeV8(): typeof import('node:v8') {
  return (v8 ??= load('node:v8') as typeof import('node:v8'));
}

/**
 * podlint's library API.
 *
 *   import { lint, lintText, explainField, explainManifest, simulate } from 'podlint';
 *
 * The CLI imports the modules below directly, so a lint run does not load the simulator or explain.
 */
export { lint, lintText, lintInputs, prepareLintInputs, readPaths, resolveLintOptions, PodlintOptionsError } from './lint.js';
export type { LintOptions, RuleSettingInput, ResolvedLintOptions, ProjectOptions } from './lint.js';
export type { CrossObjectScope } from './engine/run.js';
export type { LintResult, FileResult, Finding, Severity, SeveritySetting, ObjectRef, SourceRange, Fix } from './types.js';
export type { Rule, RuleMeta, RuleDocs, RuleContext, PodSpecTarget, ObjectInfo } from './engine/rule.js';
export { defineRule } from './engine/rule.js';
export { allRules, getRule } from './engine/registry.js';
export { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './schema/versions.js';
export { formatResult, REPORTER_NAMES } from './reporters/index.js';

/** `podlint explain <type.field>`: the field reference of the bundled OpenAPI (kubectl's layout). */
export { explainField, ExplainLookupError } from './explain/field-reference.js';
export type { FieldReference, FieldReferenceOptions } from './explain/field-reference.js';
/** `podlint explain <rule-id>`. */
export { ruleReference, renderRuleReference } from './explain/rule-reference.js';
/** `podlint explain -f`: what each object of a manifest will do, in plain words (and as data). */
export { explainManifest } from './manifest-narrative.js';
export { narrateManifest, renderNarrative } from './explain/narrative.js';
export type { ManifestNarrative, ObjectNarrative, NarrativeOptions } from './explain/narrative.js';

/** `podlint simulate`: the deterministic lifecycle simulator. */
export { simulate, parseScenario, renderText as renderSimulation, renderJson as renderSimulationJson, SimInputError } from './simulator/index.js';
export type { SimulateOptions, Scenario, Trace, SimInput } from './simulator/index.js';

/** `podlint build DIR`: a kustomization built in-process (kustomize v5), every field remembering where it was written. */
export { buildKustomization, renderBuild, isKustomizationRoot } from './kustomize/build.js';
export type { BuildResult, BuildProblem, BuildHost } from './kustomize/build.js';
export type { Resource, ResId } from './kustomize/resource.js';
export { locateBuilt } from './kustomize/origin.js';
export type { Origin } from './kustomize/origin.js';

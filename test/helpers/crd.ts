/**
 * The text of a CustomResourceDefinition for the CRD tests: one served version, v1, whose `spec` has
 * `properties` (YAML lines indented 14 spaces) and, when given, `validations` (x-kubernetes-validations
 * items, indented 12). Tests assert lines and columns in it: its layout is fixed.
 */
export function crdText(o: { group: string; kind: string; plural: string; properties: string; validations?: string; flowMetadata?: boolean }): string {
  const name = `${o.plural}.${o.group}`;
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
${o.flowMetadata ? `metadata: {name: ${name}}` : `metadata:\n  name: ${name}`}
spec:
  group: ${o.group}
  names: {kind: ${o.kind}, plural: ${o.plural}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
${o.properties}
${o.validations === undefined ? '' : `            x-kubernetes-validations:\n${o.validations}\n`}`;
}

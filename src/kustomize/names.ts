/**
 * The file names that make a directory a kustomization (api/konfig/general.go RecognizedKustomizationFileNames).
 * A module of its own so that the project planner can recognise a kustomization without loading the build.
 */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

import { validateWithModel } from './k8s-models';
import { isStrimziClusterKind, validateStrimziCluster } from './strimzi-cluster-schema';
import { validateKafkaTopic } from './strimzi-schema';
import { YamlObject } from './yaml-documents';

export interface ManifestReport {
  file: string;
  kind: string;
  name: string;
  errors: string[];
}

/** Each manifest checked against its Kubernetes, Prometheus Operator or Strimzi schema. */
export function checkManifestSchemas(file: string, manifests: YamlObject[]): ManifestReport[] {
  return manifests.map((manifest) => {
    const apiVersion = String(manifest.apiVersion ?? '');
    const kind = String(manifest.kind ?? '');
    const name = String((manifest.metadata as { name?: string } | undefined)?.name ?? '');
    const errors =
      apiVersion !== 'kafka.strimzi.io/v1beta2'
        ? validateWithModel({ ...manifest, apiVersion, kind })
        : isStrimziClusterKind(kind)
          ? validateStrimziCluster(kind, manifest)
          : validateKafkaTopic(manifest);
    return { file, kind, name, errors };
  });
}

/** What every generated object shares: names, labels, selectors, namespace selectors. */
export type Obj = Record<string, unknown>;
export const PART_OF = 'adminduk';
export const labelsOf = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF });
export const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });
export const resourceName = (service: string) => `adminduk-${service}`;
export const imageOf = (service: string) => `adminduk/${service}`;
export const inNamespace = (ns: string, podLabels?: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
  ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
});

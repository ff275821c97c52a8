/** GET /api/public/layanan/{serviceId}: the catalog's public fields (services/gateway/src/public-catalog). */
export interface PublicService {
  serviceId: string;
  name: string;
  product: string;
  fee: { rupiah: number; label: string };
  time: { workingDays: number; label: string; condition?: string };
  channels: { id: string; label: string; requirements: { id: string; label: string }[]; procedure: string[] }[];
  collection: { note?: string; selfPrint: boolean };
  complaints: { office: string; address: string; telepon: string; email: string; national: string };
  legalBasis: string[];
  source: string;
  effectiveFrom: string;
}

export interface PublicServiceSummary {
  serviceId: string;
  name: string;
}

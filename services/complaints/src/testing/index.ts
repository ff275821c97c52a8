// The complaints service's testing entry (`@adminduk/complaints/testing`): the one way other packages' tests
// reach this service.
export { createComplaintsApp } from '../complaints.app';
export { loadComplaintsConfig, complaintsEnv, type ComplaintsConfig } from '../complaints.config';
export { ComplaintsDependencies } from '../complaints-dependencies';
export { ComplaintDeadlines } from '../complaint/complaint-deadlines';
export { startLaporStandIn, type LaporStandIn } from './lapor-stand-in';

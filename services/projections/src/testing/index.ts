// The projections service's testing entry (`@adminduk/projections/testing`): the one way other packages'
// tests reach this service.
export { ProjectionConsumers } from '../projection-consumer';
export { createProjectionsApp } from '../projections.app';
export { loadProjectionsConfig, type ProjectionsConfig } from '../projections.config';

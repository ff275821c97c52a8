// The relay's testing entry (`@adminduk/relay/testing`): the one way other packages' tests reach this service.
export { createRelayApp } from '../relay.app';
export { loadRelayConfig, type RelayConfig } from '../relay.config';
export { RelayProcess, relayTestEvent } from '../relay-process.testing';

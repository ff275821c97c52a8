/** Current state of one application, folded from its stream (status 'none' when there is no stream). */
export { loadApplication } from '@adminduk/application-commands';

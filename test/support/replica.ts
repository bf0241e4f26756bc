export { startReplica, stopReplica, type Replica } from '../../tools/replicas.js';

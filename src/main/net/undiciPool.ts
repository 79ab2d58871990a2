// The part of undici this workstation uses: its connection pool (Agent), the connector it wraps, and the
// proxy agent. undici's index loads all of undici (fetch, WebSocket, caches, mocks) at about 60 ms and 9 MB
// more per process on Node 20, and the CLI, every site worker and every link check is such a process. These
// are undici's own files rather than its public entry: net.test.ts checks they are the very classes the
// entry exports, so an upgrade that moves them fails the tests, not an audit.
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import buildConnector from 'undici/lib/core/connect.js';

export { Agent, buildConnector, EnvHttpProxyAgent };

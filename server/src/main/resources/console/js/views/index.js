// Every view, in the contract's order (Tools, the tool calls' feed, beside Requests; then Experiments); the navigation
// shows each to the roles it lists.
import { view as overview } from './overview.js';
import { view as providers } from './providers.js';
import { view as workspaces } from './workspaces.js';
import { view as users } from './users.js';
import { view as keys } from './keys.js';
import { view as credentials } from './credentials.js';
import { view as budgets } from './budgets.js';
import { view as usage } from './usage.js';
import { view as requests } from './requests.js';
import { view as tools } from './tools.js';
import { view as audit } from './audit.js';
import { view as playground } from './playground.js';
import { view as experiments } from './experiments.js';
import { view as config } from './config.js';

export const views = [overview, providers, workspaces, users, keys, credentials, budgets, usage, requests, tools, audit,
  playground, experiments, config];

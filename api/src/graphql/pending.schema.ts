import { builder } from './builder';

// Contract fields the web app already queries whose module has not landed yet. Each one moves to its module
// (which then deletes it here: Pothos refuses a field defined twice, so a leftover cannot go unnoticed).

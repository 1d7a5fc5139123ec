// The demo people seeded in development, listed on the development sign-in page.
// Edge- and client-safe: plain data.
import type { Role } from "../../lib/access/matrix";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  restrictions: string[];
  note: string; // short English description of what is special about this account
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "owner@example.com",
    name: "Olivia Owner",
    role: "owner",
    restrictions: [],
    note: "Owner of Support and Sales, org admin",
  },
  {
    email: "manager@example.com",
    name: "Marcus Manager",
    role: "manager",
    restrictions: [],
    note: "Manager, no restrictions",
  },
  {
    email: "limited.manager@example.com",
    name: "Layla Haddad",
    role: "manager",
    restrictions: ["no_export", "no_contact_delete"],
    note: "Manager who may not export or delete contacts",
  },
  {
    email: "agent.all@example.com",
    name: "Adam Agent",
    role: "agent",
    restrictions: ["contacts"],
    note: "Agent, sees all contacts, contacts module granted",
  },
  {
    email: "agent.team@example.com",
    name: "Tariq Team",
    role: "agent",
    restrictions: ["see_team"],
    note: "Agent, sees own and team contacts",
  },
  {
    email: "agent.self@example.com",
    name: "Sara Self",
    role: "agent",
    restrictions: ["see_self"],
    note: "Agent, sees only own contacts",
  },
  {
    email: "agent.nosnippets@example.com",
    name: "Nadia Noor",
    role: "agent",
    restrictions: ["see_team", "no_snippets"],
    note: "Agent with snippets hidden",
  },
];

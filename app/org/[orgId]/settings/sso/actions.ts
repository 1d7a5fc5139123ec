"use server";
import { getDb } from "@/db";
import { orgAction, type OrgContext } from "@/lib/actions/wrap";
import {
  addSsoDomain,
  removeSsoDomain,
  saveSsoConfig,
  setSsoRequired,
  verifySsoDomain,
} from "@/lib/services/sso-settings";
import { ssoConfigSchema, ssoDomainIdSchema, ssoDomainSchema, ssoRequireSchema } from "@/lib/validation/sso";

// Org admins only (orgAction re-reads org_members on every call); docs/SECURITY.md, Single sign-on.
const actor = (ctx: OrgContext) => ({ userId: ctx.userId, orgId: ctx.admin.orgId, ip: ctx.ip });

export const saveSsoConfigAction = orgAction(ssoConfigSchema, async (ctx, input) =>
  saveSsoConfig(await getDb(), actor(ctx), input),
);

export const addSsoDomainAction = orgAction(ssoDomainSchema, async (ctx, input) =>
  addSsoDomain(await getDb(), actor(ctx), input.domain),
);

export const verifySsoDomainAction = orgAction(ssoDomainIdSchema, async (ctx, input) =>
  verifySsoDomain(await getDb(), actor(ctx), input.domainId),
);

export const removeSsoDomainAction = orgAction(ssoDomainIdSchema, async (ctx, input) =>
  removeSsoDomain(await getDb(), actor(ctx), input.domainId),
);

export const setSsoRequiredAction = orgAction(ssoRequireSchema, async (ctx, input) =>
  setSsoRequired(await getDb(), actor(ctx), input.domainId, input.required),
);

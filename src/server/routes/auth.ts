import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenQuery,
  Me,
  PasswordReset,
  PasswordResetDone,
  SignedOutEverywhere,
  SignIn,
  User,
  UserCreate,
  UserCreated,
  UserUpdate,
} from '../../contract/auth.js';
import { IdParams } from '../../contract/common.js';
import {
  ACCOUNT_LOCK_AFTER,
  FIRST_LOCK_MINUTES,
  getMe,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  openSession,
  SESSION_DAYS,
  signIn,
  signOut,
} from '../../services/access/sessions.js';
import { DomainError, TooManyAttempts } from '../../core/errors.js';
import { message } from '../../core/messages/index.js';
import { rateLimit } from '../rate-limit.js';
import { Problem } from '../../contract/common.js';

const SIGN_IN_FAILURES_PER_IP_PER_MINUTE = 30;
import {
  createApiToken,
  createUser,
  findApiTokens,
  findUsers,
  resetPassword,
  revokeApiToken,
  signOutEverywhere,
  updateUser,
} from '../../services/access/users.js';
import { SESSION_COOKIE } from '../context.js';
import { noContent, withProblems } from './responses.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ secureCookies: boolean }> = async (app, options) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies };
  // Password guessing from one address across many e-mails: its failed sign-ins are limited too.
  const failuresPerIp = rateLimit(app, {
    name: 'sign-in-failures',
    max: SIGN_IN_FAILURES_PER_IP_PER_MINUTE,
    windowMs: 60_000,
    key: (req) => req.ip,
  });
  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: `Sign in with e-mail and password; sets the session cookie. ${LOCK_AFTER_FAILURES} wrong passwords in a row from one address lock the e-mail at that address, ${ACCOUNT_LOCK_AFTER} from any addresses lock it everywhere, first for ${FIRST_LOCK_MINUTES} min, each further lock twice as long up to ${LOCK_MINUTES} min; ${SIGN_IN_FAILURES_PER_IP_PER_MINUTE} failures a minute from one address are answered 429`,
        body: SignIn,
        response: withProblems({ 200: Me, 429: Problem }),
      },
    },
    async (req, reply) => {
      const { email, password, orgId } = req.body;
      const wait = await failuresPerIp.waitFor(req);
      if (wait > 0) {
        throw new TooManyAttempts(wait, 'email', message('auth.tooManyFromAddress', { seconds: wait }));
      }
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await signOut(app.db, previous);
      const { cookie: value, actor } = await signIn(app.db, email, password, req.ip, orgId).catch(
        async (e: unknown) => {
          if (e instanceof DomainError && e.code === 'unauthenticated') await failuresPerIp.hit(req);
          throw e;
        },
      );
      reply.setCookie(SESSION_COOKIE, value, { ...cookie, maxAge: SESSION_DAYS * 86400 });
      return getMe(app.db, actor);
    },
  );
  app.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End the session', response: withProblems({ 204: Type.Null() }) } },
    async (req, reply) => {
      const value = req.cookies[SESSION_COOKIE];
      if (value) await signOut(app.db, value);
      reply.clearCookie(SESSION_COOKIE, cookie);
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign yourself out everywhere: end every session (this one too), revoke every API token and the calendar feed',
        response: withProblems({ 200: SignedOutEverywhere }),
      },
    },
    async (req, reply) => {
      const result = await signOutEverywhere(app.db, req.actor, req.actor.userId ?? -1);
      reply.clearCookie(SESSION_COOKIE, cookie);
      return result;
    },
  );
  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user and organisation', response: withProblems({ 200: Me }) } },
    (req) => getMe(app.db, req.actor),
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Users of the organisation; the owner and the head of sales also get when each last signed in and whether their password is temporary',
        response: withProblems({ 200: Type.Array(User) }),
      },
    },
    (req) => findUsers(app.db, req.actor),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Add a user (the owner and the head of sales; only the owner adds owners). Without a password the server generates one and answers it once; the new user is asked to choose their own',
        body: UserCreate,
        response: withProblems({ 201: UserCreated }),
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(app.db, req.actor, req.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary:
          "Change a user. Anybody changes their own name, language and password (with the current one); the owner and the head of sales change others' role, e-mail and whether they are enabled — only the owner changes an owner, nobody disables themselves or the last active owner. Disabling ends the user's sessions, API tokens and calendar feed; a new password ends their sessions (one's own keeps the session it was changed in)",
        params: IdParams,
        body: UserUpdate,
        response: withProblems({ 200: User }),
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const user = await updateUser(app.db, req.actor, id, req.body);
      // A new password of one's own ends every session, this one too; the person who just typed the
      // current password carries on in a fresh session.
      if (id === req.actor.userId && req.body.password !== undefined && req.cookies[SESSION_COOKIE]) {
        reply.setCookie(SESSION_COOKIE, await openSession(app.db, req.actor.orgId, id), {
          ...cookie,
          maxAge: SESSION_DAYS * 86400,
        });
      }
      return user;
    },
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary:
          "Reset another user's password (the owner and the head of sales; an owner's by the owner only): the one given, or one the server generates and answers once. It is temporary: the user is asked to choose their own. Their sessions end and a sign-in lock is lifted",
        params: IdParams,
        body: PasswordReset,
        response: withProblems({ 200: PasswordResetDone }),
      },
    },
    (req) => resetPassword(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/v1/users/:id/sign-out-everywhere',
    {
      schema: {
        tags: ['users'],
        summary:
          'Sign a user out everywhere (oneself; another user for the owner and the head of sales, an owner for the owner only): end their sessions, revoke their API tokens and calendar feed',
        params: IdParams,
        response: withProblems({ 200: SignedOutEverywhere }),
      },
    },
    (req) => signOutEverywhere(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['users'],
        summary: "Your API tokens, or every user's with scope=all (the owner of the company), revoked ones too",
        querystring: ApiTokenQuery,
        response: withProblems({ 200: Type.Array(ApiToken) }),
      },
    },
    (req) => findApiTokens(app.db, req.actor, req.query.scope),
  );
  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['users'],
        summary:
          'Issue an API token for yourself, with a role that grants nothing beyond your own (your role when left out); the secret is answered once',
        body: ApiTokenCreate,
        response: withProblems({ 201: ApiTokenCreated }),
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(app.db, req.actor, req.body)),
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['users'],
        summary: "Revoke one of your API tokens (the owner of the company: anyone's)",
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await revokeApiToken(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );
};

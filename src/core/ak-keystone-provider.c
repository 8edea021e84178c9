/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ak-error.h"
#include "ak-keystone-json.h"
#include "ak-keystone-provider.h"

/* AkKeystoneProvider speaks Keystone v3 over one SoupSession per account.
 *
 * Every request goes through call_async(): it refuses an unencrypted address
 * before anything is sent, adds the token (signing in first when there is no
 * fresh one), reads the answer in chunks up to max-body-size, signs in again
 * once on a 401 and repeats the request, and may send a DELETE once more
 * after a failure in transit. It hands back the status and the body; what a
 * status means is decided by the operation that asked.
 *
 * The token lives in an AkSecret, in memory only. Requests that all need a
 * new token at the same time share one sign-in.
 *
 * Every user's keys (AK_KEY_SCOPE_ALL_USERS) can be gathered two ways:
 * AK_KEYSTONE_ALL_USERS_PER_USER lists /v3/users, then each user's OS-EC2
 * credentials and application credentials, at most MAX_IN_FLIGHT requests at
 * a time; AK_KEYSTONE_ALL_USERS_CREDENTIALS takes every EC2 key from one
 * GET /v3/credentials?type=ec2 and only the application credentials per
 * user. On Keystone 22 (tests/bench/run-bench.sh, 22 users) the first took
 * 0.9-1.0 s against 1.7 s for 1,000 EC2 keys, and 1.4-1.8 s against
 * 8.7-10.6 s for 6,000: /v3/credentials does one more lookup and one more
 * policy check for every key. The first is the default. */

#define DEFAULT_TIMEOUT        30
#define DEFAULT_MAX_BODY_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define READ_CHUNK_SIZE        ((gsize) 64 * 1024)
#define MAX_IN_FLIGHT          6
#define TOKEN_MARGIN           ((gint64) 60 * G_USEC_PER_SEC)
#define PARSE_IN_THREAD_SIZE   ((gsize) 256 * 1024)

struct _AkKeystoneProvider
{
  GObject                     parent_instance;

  /* Who signs in, and how; set at construction. */
  AkAccount                  *account;
  AkSecret                   *secret;

  /* Transport. */
  SoupSession                *session;
  guint64                     max_body_size;
  AkKeystoneAllUsersStrategy  all_users_strategy;

  /* The current token and what it says, in memory only. */
  AkSecret                   *token;
  AkKeystoneToken            *token_info;
  gint64                      token_renew_at;

  /* The sign-in under way, if any, and the requests waiting for it. */
  GCancellable               *sign_in_cancellable;
  GQueue                      sign_in_waiters;
  guint                       sign_in_count;

  AkProviderFeatures          features;
};

static void ak_keystone_provider_iface_init (AkProviderInterface *iface);

G_DEFINE_ENUM_TYPE (AkKeystoneAllUsersStrategy, ak_keystone_all_users_strategy,
  G_DEFINE_ENUM_VALUE (AK_KEYSTONE_ALL_USERS_PER_USER, "per-user"),
  G_DEFINE_ENUM_VALUE (AK_KEYSTONE_ALL_USERS_CREDENTIALS, "credentials"))

G_DEFINE_FINAL_TYPE_WITH_CODE (AkKeystoneProvider, ak_keystone_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AK_TYPE_PROVIDER,
                                                      ak_keystone_provider_iface_init))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_SECRET,
  PROP_TIMEOUT,
  PROP_MAX_BODY_SIZE,
  PROP_ALL_USERS_STRATEGY,
  PROP_SIGN_IN_COUNT,
  N_PROPS,

  /* Overridden from AkProvider. */
  PROP_FEATURES = N_PROPS,
};

static GParamSpec *properties [N_PROPS];

static void
secret_unref_cb (gpointer data)
{
  ak_secret_unref (data);
}

static GBytes *
bytes_from_secret (AkSecret *secret)
{
  /* The bytes point into the secret, which is wiped when they go. */
  return g_bytes_new_with_free_func (ak_secret_get (secret), ak_secret_get_len (secret),
                                     secret_unref_cb, secret);
}

static void
set_features (AkKeystoneProvider *self,
              AkProviderFeatures  features)
{
  if (self->features == features)
    return;

  self->features = features;
  g_object_notify (G_OBJECT (self), "features");
}

/* ------------------------------------------------------------------------ */
/* Errors */

/* Whether a transport failure may have come after the server received the
 * request, so that sending an idempotent one again is worth a try. */
static gboolean
error_is_in_transit (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING);
}

/* Turns what GIO or libsoup said into an AK_ERROR for a person, keeping the
 * original text as the detail. Cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
error_from_transport (GError *error)
{
  AkErrorCode code;
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == AK_ERROR)
    return error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = AK_ERROR_TIMEOUT;
  else if (error->domain == G_TLS_ERROR)
    code = AK_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR &&
           error->code != SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE)
    code = AK_ERROR_PROTOCOL;
  else
    code = AK_ERROR_NETWORK;

  ret = ak_error_new (code, 0, error->message);
  g_error_free (error);

  return ret;
}

static GError *
error_from_status (guint   status,
                   GBytes *body)
{
  /* A redirect is never followed: it could carry the token elsewhere. */
  if (status >= 300 && status < 400)
    return ak_error_new (AK_ERROR_PROTOCOL, status,
                         "The server answered with a redirect, which is not followed.");

  return ak_keystone_json_parse_error (status, body);
}

static gboolean
status_is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* ------------------------------------------------------------------------ */
/* One request */

typedef enum
{
  CALL_NONE              = 0,
  CALL_AUTHENTICATED     = 1 << 0,
  CALL_RESEND_IN_TRANSIT = 1 << 1,
} CallFlags;

typedef struct
{
  guint      status;
  GBytes    *body;
  AkSecret  *subject_token;
  /* The request may have reached the server more than once. */
  gboolean   resent;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->subject_token, ak_secret_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

typedef struct
{
  char          *method;
  char          *path;
  GBytes        *body;
  CallFlags      flags;

  /* The attempt under way. */
  AkSecret      *token;
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *buffer;
  gsize          read_start;
  goffset        expected_length;

  guint          sends;
  gboolean       reauthenticated;
  gboolean       resent;
} Call;

static void
call_clear_attempt (Call *call)
{
  /* Closing before the end drops the connection instead of reading the rest. */
  if (call->stream != NULL && !g_input_stream_is_closed (call->stream))
    g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  g_clear_object (&call->stream);
  g_clear_object (&call->message);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_pointer (&call->token, ak_secret_unref);
}

static void
call_free (Call *call)
{
  call_clear_attempt (call);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->path, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call);
}

static void      call_send           (GTask               *task);
static void      ensure_token_async  (AkKeystoneProvider  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
static AkSecret *ensure_token_finish (AkKeystoneProvider  *self,
                                      GAsyncResult        *result,
                                      GError             **error);
static void      forget_token        (AkKeystoneProvider  *self,
                                      AkSecret            *token);

static char *
base_url (AkKeystoneProvider *self)
{
  const char *auth_url = ak_account_get_auth_url (self->account);
  g_autofree char *url = g_strdup (auth_url != NULL ? auth_url : "");
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  /* People often give the service's root; the API lives under /v3. */
  if (!g_str_has_suffix (url, "/v3"))
    return g_strconcat (url, "/v3", NULL);

  return g_steal_pointer (&url);
}

static void
call_return_error (GTask  *task,
                   GError *error)
{
  Call *call = g_task_get_task_data (task);

  call_clear_attempt (call);
  g_task_return_error (task, error_from_transport (error));
}

static void
call_failed (GTask  *task,
             GError *error)
{
  Call *call = g_task_get_task_data (task);

  if ((call->flags & CALL_RESEND_IN_TRANSIT) != 0 &&
      call->sends == 1 &&
      error_is_in_transit (error) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_debug ("%s %s failed in transit (%s), sending it once more",
               call->method, call->path, error->message);
      g_error_free (error);
      call->resent = TRUE;
      call_clear_attempt (call);
      call_send (task);
      return;
    }

  call_return_error (task, error);
}

static void
call_finish_body (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(Response) response = g_new0 (Response, 1);
  const char *subject_token;

  response->status = soup_message_get_status (call->message);
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));
  response->resent = call->resent;

  g_debug ("%s %s: %u, %" G_GSIZE_FORMAT " bytes",
           call->method, call->path, response->status, g_bytes_get_size (response->body));

  /* The token may have expired or been revoked: sign in again, once, and
   * repeat the request. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED &&
      (call->flags & CALL_AUTHENTICATED) != 0 &&
      !call->reauthenticated)
    {
      forget_token (self, call->token);
      call->reauthenticated = TRUE;
      call_clear_attempt (call);
      call_send (task);
      return;
    }

  subject_token = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                "X-Subject-Token");
  if (subject_token != NULL && *subject_token != '\0')
    response->subject_token = ak_secret_new (subject_token);

  call_clear_attempt (call);
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) response_free);
}

static void call_read (GTask *task);

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n_read < 0)
    {
      call_failed (task, error);
      return;
    }

  g_byte_array_set_size (call->buffer, call->read_start + n_read);

  if (n_read == 0)
    {
      call_finish_body (task);
      return;
    }

  if (call->buffer->len > self->max_body_size)
    {
      g_autofree char *detail =
        g_strdup_printf ("The answer was larger than %" G_GUINT64_FORMAT " bytes and was refused.",
                         self->max_body_size);

      call_return_error (task, ak_error_new (AK_ERROR_PROTOCOL,
                                             soup_message_get_status (call->message),
                                             detail));
      return;
    }

  call_read (task);
}

static void
call_read (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gsize have = call->buffer->len;
  gsize want = READ_CHUNK_SIZE;

  if (call->expected_length > 0 && (guint64) call->expected_length > have)
    want = MAX (want, (gsize) call->expected_length - have);

  /* One byte past the limit is enough to know the body is too large. */
  want = MIN ((guint64) want, self->max_body_size + 1 - have);

  call->read_start = have;
  g_byte_array_set_size (call->buffer, have + want);
  g_input_stream_read_async (call->stream,
                             call->buffer->data + have,
                             want,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             call_read_cb,
                             g_object_ref (task));
}

static void
call_send_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  gsize reserve = READ_CHUNK_SIZE;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (call->stream == NULL)
    {
      call_failed (task, error);
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  call->expected_length = -1;

  /* Refuse a body announced too large before reading any of it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      call->expected_length = soup_message_headers_get_content_length (headers);

      if ((guint64) call->expected_length > self->max_body_size)
        {
          g_autofree char *detail =
            g_strdup_printf ("The answer announced %" G_GOFFSET_FORMAT " bytes, more than the "
                             "%" G_GUINT64_FORMAT " accepted.",
                             call->expected_length, self->max_body_size);

          call_return_error (task, ak_error_new (AK_ERROR_PROTOCOL,
                                                 soup_message_get_status (call->message),
                                                 detail));
          return;
        }

      reserve = call->expected_length + 1;
    }

  call->buffer = g_byte_array_sized_new (reserve);
  call_read (task);
}

static void
call_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->token = ensure_token_finish (AK_KEYSTONE_PROVIDER (object), result, &error);

  if (call->token == NULL)
    {
      call_return_error (task, error);
      return;
    }

  call_send (task);
}

static void
call_send (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  if ((call->flags & CALL_AUTHENTICATED) != 0 && call->token == NULL)
    {
      ensure_token_async (self, g_task_get_cancellable (task), call_token_cb,
                          g_object_ref (task));
      return;
    }

  base = base_url (self);
  url = g_strconcat (base, call->path, NULL);
  call->message = soup_message_new (call->method, url);

  if (call->message == NULL)
    {
      call_return_error (task, ak_error_new (AK_ERROR_INVALID, 0, "The address is not valid."));
      return;
    }

  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);

  /* libsoup silently sends an idempotent request again when a kept-alive
   * connection turns out closed, which some servers (uwsgi) do after every
   * answer. A DELETE gets a connection of its own instead, as a POST always
   * does: then a failure means the server may have received it, and only
   * call_failed() sends it again, knowing that it did. */
  if ((call->flags & CALL_RESEND_IN_TRANSIT) != 0)
    soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);

  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->token != NULL)
    soup_message_headers_replace (headers, "X-Auth-Token", ak_secret_get (call->token));

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);

  call->sends++;
  soup_session_send_async (self->session,
                           call->message,
                           G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           call_send_cb,
                           g_object_ref (task));
}

/* Sends @method to @path (below the /v3 URL, already escaped) and hands back
 * a Response for any HTTP status; fails only when no answer arrived, when the
 * answer was too large, or when the address may not be used. */
static void
call_async (AkKeystoneProvider  *self,
            const char          *method,
            const char          *path,
            GBytes              *body,
            CallFlags            flags,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, call_async);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->flags = flags;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  /* An unencrypted address to another computer is refused before anything,
   * the password included, is sent. */
  if (!ak_account_validate (self->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call_send (task);
}

static Response *
call_finish (AkKeystoneProvider  *self,
             GAsyncResult        *result,
             GError             **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == call_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* The token */

typedef struct
{
  GTask   *task;
  GSource *cancelled_source;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_source != NULL)
    {
      g_source_destroy (waiter->cancelled_source);
      g_source_unref (waiter->cancelled_source);
    }

  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
forget_token (AkKeystoneProvider *self,
              AkSecret           *token)
{
  /* Another request may already have replaced the token that failed. */
  if (token != NULL && token != self->token)
    return;

  g_clear_pointer (&self->token, ak_secret_unref);
  g_clear_pointer (&self->token_info, ak_keystone_token_free);
  self->token_renew_at = 0;
}

static gboolean
token_is_fresh (AkKeystoneProvider *self)
{
  return self->token != NULL && g_get_real_time () < self->token_renew_at;
}

static void
keep_token (AkKeystoneProvider *self,
            AkSecret           *token,
            AkKeystoneToken    *info)
{
  forget_token (self, NULL);

  self->token = token;
  self->token_info = info;
  self->token_renew_at = G_MAXINT64;

  /* Renew shortly before the server would refuse the token: a minute early,
   * or a tenth of its life when it lives less than ten minutes. */
  if (info->expires_at != NULL)
    {
      gint64 expires = g_date_time_to_unix (info->expires_at) * G_USEC_PER_SEC +
                       g_date_time_get_microsecond (info->expires_at);
      gint64 margin = MIN (TOKEN_MARGIN, MAX (0, expires - g_get_real_time ()) / 10);

      self->token_renew_at = expires - margin;
    }

  self->sign_in_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGN_IN_COUNT]);

  set_features (self,
                self->features |
                AK_PROVIDER_FEATURE_EXPIRY |
                AK_PROVIDER_FEATURE_APPLICATION_CREDENTIALS |
                AK_PROVIDER_FEATURE_NAMES);
}

static void
sign_in_request_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(Response) response = NULL;
  g_autoptr(GError) error = NULL;
  Waiter *waiter;

  response = call_finish (self, result, &error);

  /* Abandoned when its last waiter went: a later sign-in may be under way. */
  if (cancellable != self->sign_in_cancellable)
    return;

  g_clear_object (&self->sign_in_cancellable);

  if (response != NULL)
    {
      if (!status_is_success (response->status))
        {
          error = error_from_status (response->status, response->body);
        }
      else if (response->subject_token == NULL)
        {
          error = ak_error_new (AK_ERROR_PROTOCOL, response->status,
                                "The sign-in answer carried no X-Subject-Token header.");
        }
      else
        {
          AkKeystoneToken *info = ak_keystone_json_parse_token (response->body, &error);

          if (info != NULL)
            keep_token (self, g_steal_pointer (&response->subject_token), info);
        }
    }

  if (error != NULL)
    g_debug ("Signing in failed: %s", error->message);

  while ((waiter = g_queue_pop_head (&self->sign_in_waiters)))
    {
      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_pointer (waiter->task, ak_secret_ref (self->token), secret_unref_cb);

      waiter_free (waiter);
    }
}

static void
start_sign_in (AkKeystoneProvider *self)
{
  g_autoptr(GBytes) body = NULL;
  AkSecret *json;

  g_assert (self->sign_in_cancellable == NULL);

  if (ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    json = ak_keystone_json_build_application_credential_auth (
             ak_account_get_application_credential_id (self->account), self->secret);
  else
    json = ak_keystone_json_build_password_auth (ak_account_get_username (self->account),
                                                 ak_account_get_user_domain (self->account),
                                                 self->secret,
                                                 ak_account_get_project (self->account),
                                                 ak_account_get_project_domain (self->account));

  body = bytes_from_secret (json);
  self->sign_in_cancellable = g_cancellable_new ();

  /* Not the address: until call_async() has checked it, it might hold a
   * password ("https://user:password@host"). */
  g_debug ("Signing in");

  call_async (self, "POST", "/auth/tokens", body, CALL_NONE, self->sign_in_cancellable,
              sign_in_request_cb, g_object_ref (self->sign_in_cancellable));
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  AkKeystoneProvider *self = g_task_get_source_object (waiter->task);

  g_queue_remove (&self->sign_in_waiters, waiter);
  g_task_return_error_if_cancelled (waiter->task);

  /* Nobody waits for the sign-in any more: stop it, and let the next
   * request start a new one. */
  if (g_queue_is_empty (&self->sign_in_waiters) && self->sign_in_cancellable != NULL)
    {
      g_cancellable_cancel (self->sign_in_cancellable);
      g_clear_object (&self->sign_in_cancellable);
    }

  g_clear_pointer (&waiter->cancelled_source, g_source_unref);
  waiter_free (waiter);

  return G_SOURCE_REMOVE;
}

/* Hands back a token fresh enough to use, signing in first if needed. */
static void
ensure_token_async (AkKeystoneProvider  *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ensure_token_async);

  if (token_is_fresh (self))
    {
      g_task_return_pointer (task, ak_secret_ref (self->token), secret_unref_cb);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancelled_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancelled_source, g_task_get_context (waiter->task));
    }

  g_queue_push_tail (&self->sign_in_waiters, waiter);

  if (self->sign_in_cancellable == NULL)
    start_sign_in (self);
}

static AkSecret *
ensure_token_finish (AkKeystoneProvider  *self,
                     GAsyncResult        *result,
                     GError             **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == ensure_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Sign in */

static void
sign_in_probe_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) response = NULL;
  GError *error = NULL;

  response = call_finish (self, result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Reading the list of users is what listing every user's keys takes:
   * an admin may, a member gets 403. */
  if (status_is_success (response->status))
    {
      set_features (self, self->features | AK_PROVIDER_FEATURE_ALL_USERS);
    }
  else if (response->status == SOUP_STATUS_FORBIDDEN)
    {
      set_features (self, self->features & ~AK_PROVIDER_FEATURE_ALL_USERS);
    }
  else
    {
      g_task_return_error (task, error_from_status (response->status, response->body));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(AkSecret) token = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = ensure_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Filtered by our own name, so the answer stays small. */
  escaped = g_uri_escape_string (self->token_info->user_name != NULL ?
                                 self->token_info->user_name : "", NULL, FALSE);
  path = g_strconcat ("/users?name=", escaped, NULL);

  cancellable = g_task_get_cancellable (task);
  call_async (self, "GET", path, NULL, CALL_AUTHENTICATED, cancellable,
              sign_in_probe_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_sign_in_async (AkProvider          *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_sign_in_async);

  /* Prove the credentials now, rather than trust an earlier token. */
  if (self->sign_in_cancellable == NULL)
    forget_token (self, NULL);

  ensure_token_async (self, cancellable, sign_in_token_cb, g_steal_pointer (&task));
}

static gboolean
ak_keystone_provider_sign_in_finish (AkProvider    *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* List */

typedef enum
{
  FETCH_EC2,
  FETCH_APPLICATION_CREDENTIALS,
  FETCH_CREDENTIALS,
  FETCH_USERS,
  FETCH_PROJECTS,
} FetchKind;

typedef struct
{
  FetchKind  kind;
  char      *path;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->path);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

typedef struct
{
  AkKeyScope    scope;

  /* Stops every request of this list, on the caller's word or at the first
   * failure. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;

  GQueue        pending;
  guint         in_flight;
  guint         parsing;

  GPtrArray    *keys;
  GHashTable   *user_names;
  GHashTable   *project_names;
  GError       *error;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->caller_cancelled_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_cancelled_id);

  g_queue_clear_full (&data->pending, (GDestroyNotify) fetch_free);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->keys, g_ptr_array_unref);
  g_clear_pointer (&data->user_names, g_hash_table_unref);
  g_clear_pointer (&data->project_names, g_hash_table_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;
  Fetch *fetch;
} FetchCall;

static void
list_enqueue (ListData   *data,
              FetchKind   kind,
              char       *path)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->kind = kind;
  fetch->path = path;
  g_queue_push_tail (&data->pending, fetch);
}

static void
list_fail (ListData *data,
           GError   *error)
{
  if (data->error == NULL)
    {
      data->error = error;
      g_cancellable_cancel (data->cancellable);
    }
  else
    {
      g_error_free (error);
    }
}

static void
list_fill_names (AkKeystoneProvider *self,
                 ListData           *data)
{
  AkKeystoneToken *info = self->token_info;

  for (guint i = 0; i < data->keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (data->keys, i);
      const char *user_id = ak_key_get_user_id (key);
      const char *project_id = ak_key_get_project_id (key);
      const char *name = NULL;

      if (user_id != NULL && data->user_names != NULL)
        name = g_hash_table_lookup (data->user_names, user_id);
      if (name == NULL && info != NULL && g_strcmp0 (user_id, info->user_id) == 0)
        name = info->user_name;
      if (name != NULL)
        ak_key_set_user_name (key, name);

      name = NULL;
      if (project_id != NULL && data->project_names != NULL)
        name = g_hash_table_lookup (data->project_names, project_id);
      if (name == NULL && info != NULL && g_strcmp0 (project_id, info->project_id) == 0)
        name = info->project_name;
      if (name != NULL)
        ak_key_set_project_name (key, name);
    }
}

static void list_fetch_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
list_pump (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  while (data->error == NULL &&
         data->in_flight < MAX_IN_FLIGHT &&
         !g_queue_is_empty (&data->pending))
    {
      FetchCall *fetch_call = g_new0 (FetchCall, 1);

      fetch_call->task = g_object_ref (task);
      fetch_call->fetch = g_queue_pop_head (&data->pending);
      data->in_flight++;

      call_async (self, "GET", fetch_call->fetch->path, NULL, CALL_AUTHENTICATED,
                  data->cancellable, list_fetch_cb, fetch_call);
    }

  if (data->in_flight > 0 || data->parsing > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  list_fill_names (self, data);
  g_task_return_pointer (task, g_steal_pointer (&data->keys), (GDestroyNotify) g_ptr_array_unref);
}

/* What one answer of a list holds, parsed. Parsing is pure, so a large body
 * is parsed in a worker thread and the main loop stays free meanwhile. */
typedef struct
{
  FetchKind   kind;
  GBytes     *body;
  GPtrArray  *keys;
  GHashTable *names;
  GError     *error;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->body, g_bytes_unref);
  g_clear_pointer (&parsed->keys, g_ptr_array_unref);
  g_clear_pointer (&parsed->names, g_hash_table_unref);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static void
parse (Parsed *parsed)
{
  switch (parsed->kind)
    {
    case FETCH_EC2:
      parsed->keys = ak_keystone_json_parse_ec2_list (parsed->body, &parsed->error);
      break;

    case FETCH_APPLICATION_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_application_credential_list (parsed->body,
                                                                         &parsed->error);
      break;

    case FETCH_CREDENTIALS:
      parsed->keys = ak_keystone_json_parse_credential_list (parsed->body, &parsed->error);
      break;

    case FETCH_USERS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "users", &parsed->error);
      break;

    case FETCH_PROJECTS:
      parsed->names = ak_keystone_json_parse_names (parsed->body, "projects", &parsed->error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  parse (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
list_apply (AkKeystoneProvider *self,
            ListData           *data,
            Parsed             *parsed)
{
  if (data->error != NULL)
    return;

  if (parsed->error != NULL)
    {
      list_fail (data, g_steal_pointer (&parsed->error));
      return;
    }

  if (parsed->keys != NULL)
    g_ptr_array_extend_and_steal (data->keys, g_steal_pointer (&parsed->keys));

  if (parsed->kind == FETCH_USERS)
    {
      GHashTableIter iter;
      const char *user_id;

      g_clear_pointer (&data->user_names, g_hash_table_unref);
      data->user_names = g_steal_pointer (&parsed->names);

      if (data->scope != AK_KEY_SCOPE_ALL_USERS)
        return;

      g_hash_table_iter_init (&iter, data->user_names);
      while (g_hash_table_iter_next (&iter, (gpointer *) &user_id, NULL))
        {
          g_autofree char *escaped = g_uri_escape_string (user_id, NULL, FALSE);

          if (self->all_users_strategy == AK_KEYSTONE_ALL_USERS_PER_USER)
            list_enqueue (data, FETCH_EC2,
                          g_strconcat ("/users/", escaped, "/credentials/OS-EC2", NULL));
          list_enqueue (data, FETCH_APPLICATION_CREDENTIALS,
                        g_strconcat ("/users/", escaped, "/application_credentials", NULL));
        }
    }
  else if (parsed->kind == FETCH_PROJECTS)
    {
      g_clear_pointer (&data->project_names, g_hash_table_unref);
      data->project_names = g_steal_pointer (&parsed->names);
    }
}

static void
list_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);

  data->parsing--;
  list_apply (self, data, g_task_get_task_data (G_TASK (result)));
  list_pump (task);
}

/* Whether an answer that is not a success still lets the list go on. */
static gboolean
list_tolerates (AkKeystoneProvider *self,
                ListData           *data,
                Fetch              *fetch,
                guint               status)
{
  gboolean delegated = self->token_info != NULL &&
                       self->token_info->application_credential_id != NULL;

  /* A token from an application credential may not read EC2 keys
   * ("Delegated tokens cannot access credentials directly"); it still sees
   * the application credentials. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_EC2 &&
      data->scope == AK_KEY_SCOPE_MINE && delegated)
    return TRUE;

  /* Without the names of projects, their IDs are shown. */
  if (status == SOUP_STATUS_FORBIDDEN && fetch->kind == FETCH_PROJECTS)
    return TRUE;

  /* A user deleted since the list of users was read has no keys. */
  if (status == SOUP_STATUS_NOT_FOUND && data->scope == AK_KEY_SCOPE_ALL_USERS &&
      (fetch->kind == FETCH_EC2 || fetch->kind == FETCH_APPLICATION_CREDENTIALS))
    return TRUE;

  return FALSE;
}

static void
list_fetch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  FetchCall *fetch_call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&fetch_call->task);
  g_autoptr(Fetch) fetch = g_steal_pointer (&fetch_call->fetch);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  GError *error = NULL;
  Parsed *parsed;

  g_free (fetch_call);
  data->in_flight--;
  response = call_finish (self, result, &error);

  if (response == NULL)
    {
      list_fail (data, error);
    }
  else if (data->error != NULL)
    {
      /* Another answer failed already. */
    }
  else if (!status_is_success (response->status))
    {
      if (!list_tolerates (self, data, fetch, response->status))
        list_fail (data, error_from_status (response->status, response->body));
    }
  else
    {
      parsed = g_new0 (Parsed, 1);
      parsed->kind = fetch->kind;
      parsed->body = g_bytes_ref (response->body);

      if (g_bytes_get_size (parsed->body) >= PARSE_IN_THREAD_SIZE)
        {
          g_autoptr(GTask) parse_task = g_task_new (self, NULL, list_parsed_cb,
                                                    g_object_ref (task));

          g_task_set_source_tag (parse_task, parse_thread);
          g_task_set_task_data (parse_task, parsed, (GDestroyNotify) parsed_free);
          data->parsing++;
          g_task_run_in_thread (parse_task, parse_thread);
        }
      else
        {
          parse (parsed);
          list_apply (self, data, parsed);
          parsed_free (parsed);
        }
    }

  list_pump (task);
}

static void
list_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(AkSecret) token = NULL;
  g_autofree char *user_id = NULL;
  GError *error = NULL;

  token = ensure_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  user_id = g_uri_escape_string (self->token_info->user_id, NULL, FALSE);

  if (data->scope == AK_KEY_SCOPE_MINE)
    {
      list_enqueue (data, FETCH_EC2,
                    g_strconcat ("/users/", user_id, "/credentials/OS-EC2", NULL));
      list_enqueue (data, FETCH_APPLICATION_CREDENTIALS,
                    g_strconcat ("/users/", user_id, "/application_credentials", NULL));
      if ((self->features & AK_PROVIDER_FEATURE_ALL_USERS) != 0)
        list_enqueue (data, FETCH_PROJECTS, g_strdup ("/projects"));
    }
  else
    {
      list_enqueue (data, FETCH_USERS, g_strdup ("/users"));
      list_enqueue (data, FETCH_PROJECTS, g_strdup ("/projects"));
      if (self->all_users_strategy == AK_KEYSTONE_ALL_USERS_CREDENTIALS)
        list_enqueue (data, FETCH_CREDENTIALS, g_strdup ("/credentials?type=ec2"));
    }

  list_pump (task);
}

static void
list_caller_cancelled_cb (GCancellable *cancellable,
                          GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
ak_keystone_provider_list_keys_async (AkProvider          *provider,
                                      AkKeyScope           scope,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_list_keys_async);

  data = g_new0 (ListData, 1);
  data->scope = scope;
  data->keys = g_ptr_array_new_with_free_func (g_object_unref);
  data->cancellable = g_cancellable_new ();
  g_queue_init (&data->pending);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (list_caller_cancelled_cb),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }

  ensure_token_async (self, data->cancellable, list_token_cb, g_steal_pointer (&task));
}

static GPtrArray *
ak_keystone_provider_list_keys_finish (AkProvider    *provider,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Create */

typedef struct
{
  AkKeyKind  kind;
  GBytes    *body;
  AkKey     *key;
  AkSecret  *secret;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->key);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_free (data);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  g_autoptr(AkKey) key = NULL;
  GError *error = NULL;

  response = call_finish (self, result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!status_is_success (response->status))
    {
      g_task_return_error (task, error_from_status (response->status, response->body));
      return;
    }

  if (data->kind == AK_KEY_KIND_EC2)
    key = ak_keystone_json_parse_ec2_created (response->body, &data->secret, &error);
  else
    key = ak_keystone_json_parse_application_credential_created (response->body, &data->secret,
                                                                 &error);

  if (key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->token_info != NULL)
    {
      if (g_strcmp0 (ak_key_get_user_id (key), self->token_info->user_id) == 0)
        ak_key_set_user_name (key, self->token_info->user_name);
      if (g_strcmp0 (ak_key_get_project_id (key), self->token_info->project_id) == 0)
        ak_key_set_project_name (key, self->token_info->project_name);
    }

  g_task_return_pointer (task, g_steal_pointer (&key), g_object_unref);
}

static void
create_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(AkSecret) token = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = ensure_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  user_id = g_uri_escape_string (self->token_info->user_id, NULL, FALSE);

  if (data->kind == AK_KEY_KIND_EC2)
    {
      data->body = ak_keystone_json_build_ec2_create (self->token_info->project_id);
      path = g_strconcat ("/users/", user_id, "/credentials/OS-EC2", NULL);
    }
  else
    {
      path = g_strconcat ("/users/", user_id, "/application_credentials", NULL);
    }

  /* Never sent twice after a failure in transit: that could make two keys. */
  cancellable = g_task_get_cancellable (task);
  call_async (self, "POST", path, data->body, CALL_AUTHENTICATED,
              cancellable, create_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_create_key_async (AkProvider          *provider,
                                       AkKeyKind            kind,
                                       const char          *name,
                                       const char          *description,
                                       GDateTime           *expires_at,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_create_key_async);

  data = g_new0 (CreateData, 1);
  data->kind = kind;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  if (kind == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    {
      if (name == NULL || *name == '\0')
        {
          g_task_return_error (task,
                               ak_error_new_literal (AK_ERROR_INVALID,
                                                     _("Enter a name for the application "
                                                       "credential."),
                                                     0, NULL));
          return;
        }

      data->body = ak_keystone_json_build_application_credential_create (name, description,
                                                                         expires_at);
    }

  ensure_token_async (self, cancellable, create_token_cb, g_steal_pointer (&task));
}

static AkKey *
ak_keystone_provider_create_key_finish (AkProvider    *provider,
                                        GAsyncResult  *result,
                                        AkSecret     **secret,
                                        GError       **error)
{
  CreateData *data;
  AkKey *key;

  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  data = g_task_get_task_data (G_TASK (result));
  key = g_task_propagate_pointer (G_TASK (result), error);

  if (key != NULL && secret != NULL)
    *secret = g_steal_pointer (&data->secret);

  return key;
}

/* ------------------------------------------------------------------------ */
/* Delete */

typedef struct
{
  AkKey   *key;
  char    *path;
  GError  *refused;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->key);
  g_clear_pointer (&data->path, g_free);
  g_clear_error (&data->refused);
  g_free (data);
}

static void
delete_recheck_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  g_autoptr(GError) error = NULL;

  response = call_finish (self, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A key that no longer exists is reported as such, never as refused. */
  if (response != NULL && response->status == SOUP_STATUS_NOT_FOUND)
    {
      g_task_return_error (task, error_from_status (response->status, response->body));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&data->refused));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  GError *error = NULL;

  response = call_finish (self, result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (status_is_success (response->status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* After a send that may have reached the server, "not found" means that
   * the first one deleted the key. */
  if (response->status == SOUP_STATUS_NOT_FOUND && response->resent)
    {
      g_debug ("DELETE %s: gone after sending again; it was deleted", data->path);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Some servers check permission before existence: ask whether the key
   * still exists before saying the account may not delete it. */
  if (response->status == SOUP_STATUS_FORBIDDEN)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->refused = error_from_status (response->status, response->body);
      call_async (self, "GET", data->path, NULL, CALL_AUTHENTICATED,
                  cancellable, delete_recheck_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, error_from_status (response->status, response->body));
}

static void
delete_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(AkSecret) token = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *key_id = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = ensure_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  user_id = g_uri_escape_string (ak_key_get_user_id (data->key) != NULL ?
                                 ak_key_get_user_id (data->key) : self->token_info->user_id,
                                 NULL, FALSE);
  key_id = g_uri_escape_string (ak_key_get_id (data->key), NULL, FALSE);

  /* EC2 keys go through OS-EC2, which answers 404 for a missing key to
   * everyone; /v3/credentials answers 403 to a member. */
  if (ak_key_get_kind (data->key) == AK_KEY_KIND_EC2)
    data->path = g_strconcat ("/users/", user_id, "/credentials/OS-EC2/", key_id, NULL);
  else
    data->path = g_strconcat ("/users/", user_id, "/application_credentials/", key_id, NULL);

  cancellable = g_task_get_cancellable (task);
  call_async (self, "DELETE", data->path, NULL, CALL_AUTHENTICATED | CALL_RESEND_IN_TRANSIT,
              cancellable, delete_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_delete_key_async (AkProvider          *provider,
                                       AkKey               *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  DeleteData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_delete_key_async);

  data = g_new0 (DeleteData, 1);
  data->key = g_object_ref (key);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  ensure_token_async (self, cancellable, delete_token_cb, g_steal_pointer (&task));
}

static gboolean
ak_keystone_provider_delete_key_finish (AkProvider    *provider,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject */

static AkProviderFeatures
ak_keystone_provider_get_features (AkProvider *provider)
{
  return AK_KEYSTONE_PROVIDER (provider)->features;
}

static void
ak_keystone_provider_iface_init (AkProviderInterface *iface)
{
  iface->get_features = ak_keystone_provider_get_features;
  iface->sign_in_async = ak_keystone_provider_sign_in_async;
  iface->sign_in_finish = ak_keystone_provider_sign_in_finish;
  iface->list_keys_async = ak_keystone_provider_list_keys_async;
  iface->list_keys_finish = ak_keystone_provider_list_keys_finish;
  iface->create_key_async = ak_keystone_provider_create_key_async;
  iface->create_key_finish = ak_keystone_provider_create_key_finish;
  iface->delete_key_async = ak_keystone_provider_delete_key_async;
  iface->delete_key_finish = ak_keystone_provider_delete_key_finish;
}

static void
ak_keystone_provider_dispose (GObject *object)
{
  AkKeystoneProvider *self = (AkKeystoneProvider *)object;

  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);

  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (ak_keystone_provider_parent_class)->dispose (object);
}

static void
ak_keystone_provider_finalize (GObject *object)
{
  AkKeystoneProvider *self = (AkKeystoneProvider *)object;

  g_assert (g_queue_is_empty (&self->sign_in_waiters));

  forget_token (self, NULL);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->account);
  g_clear_pointer (&self->secret, ak_secret_unref);

  G_OBJECT_CLASS (ak_keystone_provider_parent_class)->finalize (object);
}

static void
ak_keystone_provider_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, ak_keystone_provider_get_timeout (self));
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_ALL_USERS_STRATEGY:
      g_value_set_enum (value, self->all_users_strategy);
      break;

    case PROP_SIGN_IN_COUNT:
      g_value_set_uint (value, self->sign_in_count);
      break;

    case PROP_FEATURES:
      g_value_set_flags (value, self->features);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_keystone_provider_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_SECRET:
      self->secret = g_value_dup_boxed (value);
      break;

    case PROP_TIMEOUT:
      ak_keystone_provider_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BODY_SIZE:
      ak_keystone_provider_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_ALL_USERS_STRATEGY:
      ak_keystone_provider_set_all_users_strategy (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_keystone_provider_class_init (AkKeystoneProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ak_keystone_provider_dispose;
  object_class->finalize = ak_keystone_provider_finalize;
  object_class->get_property = ak_keystone_provider_get_property;
  object_class->set_property = ak_keystone_provider_set_property;

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The password or application-credential secret, kept in memory only. */
  properties [PROP_SECRET] =
    g_param_spec_boxed ("secret", NULL, NULL,
                        AK_TYPE_SECRET,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Seconds without an answer before a request fails with AK_ERROR_TIMEOUT. */
  properties [PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The largest answer read; a larger one fails with AK_ERROR_PROTOCOL. */
  properties [PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         1, G_MAXUINT64 - 1, DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ALL_USERS_STRATEGY] =
    g_param_spec_enum ("all-users-strategy", NULL, NULL,
                       AK_TYPE_KEYSTONE_ALL_USERS_STRATEGY,
                       AK_KEYSTONE_ALL_USERS_PER_USER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How many tokens the provider obtained so far, for tests and debugging. */
  properties [PROP_SIGN_IN_COUNT] =
    g_param_spec_uint ("sign-in-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_FEATURES, "features");
}

static void
ak_keystone_provider_init (AkKeystoneProvider *self)
{
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->all_users_strategy = AK_KEYSTONE_ALL_USERS_PER_USER;
  g_queue_init (&self->sign_in_waiters);

  /* One session per account. The certificate is always verified: nothing
   * handles SoupMessage::accept-certificate, so a bad one fails. */
  self->session = soup_session_new_with_options ("user-agent", "access-keys/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "max-conns-per-host", MAX_IN_FLIGHT,
                                                 NULL);
}

/**
 * ak_keystone_provider_new:
 * @account: the account to sign in with
 * @secret: (nullable): its password, or its application credential's secret
 *
 * Returns: (transfer full): a new #AkProvider for Keystone v3
 */
AkProvider *
ak_keystone_provider_new (AkAccount *account,
                          AkSecret  *secret)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (account), NULL);

  return g_object_new (AK_TYPE_KEYSTONE_PROVIDER,
                       "account", account,
                       "secret", secret,
                       NULL);
}

AkAccount *
ak_keystone_provider_get_account (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), NULL);

  return self->account;
}

guint
ak_keystone_provider_get_timeout (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return soup_session_get_timeout (self->session);
}

void
ak_keystone_provider_set_timeout (AkKeystoneProvider *self,
                                  guint               timeout)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));

  if (soup_session_get_timeout (self->session) == timeout)
    return;

  soup_session_set_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIMEOUT]);
}

guint64
ak_keystone_provider_get_max_body_size (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return self->max_body_size;
}

void
ak_keystone_provider_set_max_body_size (AkKeystoneProvider *self,
                                        guint64             max_body_size)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));
  g_return_if_fail (max_body_size > 0 && max_body_size < G_MAXUINT64);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX_BODY_SIZE]);
}

AkKeystoneAllUsersStrategy
ak_keystone_provider_get_all_users_strategy (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), AK_KEYSTONE_ALL_USERS_PER_USER);

  return self->all_users_strategy;
}

void
ak_keystone_provider_set_all_users_strategy (AkKeystoneProvider         *self,
                                             AkKeystoneAllUsersStrategy  strategy)
{
  g_return_if_fail (AK_IS_KEYSTONE_PROVIDER (self));

  if (self->all_users_strategy == strategy)
    return;

  self->all_users_strategy = strategy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALL_USERS_STRATEGY]);
}

guint
ak_keystone_provider_get_sign_in_count (AkKeystoneProvider *self)
{
  g_return_val_if_fail (AK_IS_KEYSTONE_PROVIDER (self), 0);

  return self->sign_in_count;
}

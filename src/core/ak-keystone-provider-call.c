/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <string.h>

#include "ak-error.h"
#include "ak-keystone-provider-private.h"
#include "ak-util-private.h"

/* One request to Keystone. _ak_keystone_call_async() refuses an unencrypted
 * address before anything is sent, adds the token (signing in first when
 * there is no fresh one), reads the answer in chunks up to max-body-size,
 * signs in again once on a 401 and repeats the request, and may send a
 * DELETE once more after a failure in transit (again after signing in
 * again). It hands back the status and the body; what a status means is
 * decided by the operation that asked.
 *
 * Every call has a deadline for all of it, the sign-in and any repeat
 * included: libsoup's timeout only counts the time without a byte, so a
 * server that trickles its answer would otherwise hold a request forever.
 *
 * A body may hold secrets (a list holds every EC2 key's secret, a create
 * answer the new one), so it is read into a buffer of our own that is wiped
 * before it is freed; when the buffer grows, the old copy is wiped too,
 * which neither GByteArray nor g_realloc() would do. What stays out of
 * reach: libsoup's and the kernel's own buffers on the way in. */

#define READ_CHUNK_SIZE ((gsize) 64 * 1024)

/* ------------------------------------------------------------------------ */
/* Bodies */

typedef struct
{
  char  *data;
  gsize  len;
  gsize  alloc;
} Body;

static AkKeystoneBodyFreedHook body_freed_hook;
static gpointer body_freed_hook_data;

/* For tests: @hook sees every body buffer, wiped, just before it is freed. */
void
_ak_keystone_set_body_freed_hook (AkKeystoneBodyFreedHook hook,
                                  gpointer                user_data)
{
  body_freed_hook = hook;
  body_freed_hook_data = user_data;
}

static void
wipe_and_free (char  *data,
               gsize  alloc)
{
  if (data == NULL)
    return;

  _ak_wipe_bytes (data, alloc);

  if (body_freed_hook != NULL)
    body_freed_hook (data, alloc, body_freed_hook_data);

  g_free (data);
}

static void
body_free (Body *body)
{
  wipe_and_free (body->data, body->alloc);
  g_free (body);
}

/* Makes room for @size bytes in all. Returns: %FALSE when that cannot be
 * counted in a gsize. The old buffer is wiped, not left behind. */
static gboolean
body_reserve (Body    *body,
              guint64  size)
{
  gsize doubled;
  gsize alloc;
  char *data;

  if (size > G_MAXSIZE)
    return FALSE;

  if ((gsize) size <= body->alloc)
    return TRUE;

  alloc = (gsize) size;
  if (g_size_checked_mul (&doubled, body->alloc, 2) && doubled > alloc)
    alloc = doubled;

  data = g_malloc (alloc);
  if (body->len > 0)
    memcpy (data, body->data, body->len);

  wipe_and_free (body->data, body->alloc);
  body->data = data;
  body->alloc = alloc;

  return TRUE;
}

static Body *
body_new (guint64 reserve)
{
  Body *body = g_new0 (Body, 1);

  if (!body_reserve (body, reserve))
    {
      body_free (body);
      return NULL;
    }

  return body;
}

static void
body_bytes_free_cb (gpointer data)
{
  body_free (data);
}

/* Returns: (transfer full): the bytes of @body, which owns them and is wiped
 * when they go. */
static GBytes *
body_steal_bytes (Body *body)
{
  return g_bytes_new_with_free_func (body->data, body->len, body_bytes_free_cb, body);
}

static void
secret_unref_cb (gpointer data)
{
  ak_secret_unref (data);
}

/* Returns: (transfer full): bytes pointing into @secret, whose reference
 * they take: it is wiped when they go. For a request body with a secret. */
GBytes *
_ak_keystone_bytes_from_secret (AkSecret *secret)
{
  return g_bytes_new_with_free_func (ak_secret_get (secret), ak_secret_get_len (secret),
                                     secret_unref_cb, secret);
}

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

/* The error for an answer that is not a success, in words for a person. */
GError *
_ak_keystone_response_error (AkKeystoneResponse *response)
{
  /* A redirect is never followed: it could carry the token elsewhere. */
  if (response->status >= 300 && response->status < 400)
    return ak_error_new (AK_ERROR_PROTOCOL, response->status,
                         "The server answered with a redirect, which is not followed.");

  return ak_keystone_json_parse_error (response->status, response->body);
}


void
_ak_keystone_response_free (AkKeystoneResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->subject_token, ak_secret_unref);
  g_free (response);
}

typedef struct
{
  char                *method;
  char                *path;
  GBytes              *body;
  AkKeystoneCallFlags  flags;

  /* Every step of the call waits on this one: cancelled by the caller's
   * cancellable (through caller_source) or at the deadline. */
  GCancellable        *cancellable;
  GSource             *caller_source;
  GSource             *deadline_source;
  guint                deadline;
  gboolean             timed_out;

  /* The attempt under way. */
  AkSecret            *token;
  SoupMessage         *message;
  GInputStream        *stream;
  Body                *buffer;
  guint64              read_start;
  gint64               expected_length;

  /* Sends since the last sign-in, to send a DELETE once more after a
   * failure in transit, also after signing in again. */
  guint                sends_since_sign_in;
  gboolean             reauthenticated;
  gboolean             resent;
} Call;

static void
call_clear_attempt (Call *call)
{
  /* Closing before the end drops the connection instead of reading the rest. */
  if (call->stream != NULL && !g_input_stream_is_closed (call->stream))
    g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  g_clear_object (&call->stream);
  g_clear_object (&call->message);
  g_clear_pointer (&call->buffer, body_free);
  g_clear_pointer (&call->token, ak_secret_unref);
}

static void
source_destroy_and_unref (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
call_free (Call *call)
{
  call_clear_attempt (call);
  g_clear_pointer (&call->caller_source, source_destroy_and_unref);
  g_clear_pointer (&call->deadline_source, source_destroy_and_unref);
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->path, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call);
}

static void call_send (GTask *task);

/* The session that sends @call: with AK_KEYSTONE_CALL_PATIENT, one whose
 * timeout for a silent connection is the call's deadline. */
static SoupSession *
call_session (AkKeystoneProvider *self,
              Call               *call)
{
  if ((call->flags & AK_KEYSTONE_CALL_PATIENT) == 0)
    return self->session;

  if (self->patient_session == NULL)
    self->patient_session =
      soup_session_new_with_options ("user-agent", soup_session_get_user_agent (self->session),
                                     "timeout", self->deadline,
                                     "max-conns-per-host", 1,
                                     NULL);

  return self->patient_session;
}

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

  /* Cancelled by the deadline, not by the caller. */
  if (call->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *detail =
        g_strdup_printf ("No complete answer came within %u seconds.", call->deadline);

      g_clear_error (&error);
      error = ak_error_new (AK_ERROR_TIMEOUT, 0, detail);
    }

  g_task_return_error (task, error_from_transport (error));
}

static void
call_failed (GTask  *task,
             GError *error)
{
  Call *call = g_task_get_task_data (task);

  if ((call->flags & AK_KEYSTONE_CALL_RESEND_IN_TRANSIT) != 0 &&
      call->sends_since_sign_in == 1 &&
      error_is_in_transit (error) &&
      !g_cancellable_is_cancelled (call->cancellable))
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
  g_autoptr(AkKeystoneResponse) response = g_new0 (AkKeystoneResponse, 1);
  const char *subject_token;

  response->status = soup_message_get_status (call->message);
  response->body = body_steal_bytes (g_steal_pointer (&call->buffer));
  response->resent = call->resent;

  g_debug ("%s %s: %u, %" G_GSIZE_FORMAT " bytes",
           call->method, call->path, response->status, g_bytes_get_size (response->body));

  /* The token may have expired or been revoked: sign in again, once, and
   * repeat the request. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED &&
      (call->flags & AK_KEYSTONE_CALL_AUTHENTICATED) != 0 &&
      !call->reauthenticated)
    {
      _ak_keystone_forget_token (self, call->token);
      call->reauthenticated = TRUE;
      call->sends_since_sign_in = 0;
      call_clear_attempt (call);
      call_send (task);
      return;
    }

  subject_token = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                "X-Subject-Token");
  if (subject_token != NULL && *subject_token != '\0')
    response->subject_token = ak_secret_new (subject_token);

  call_clear_attempt (call);
  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) _ak_keystone_response_free);
}

static void call_read (GTask *task);

static GError *
too_large_error (AkKeystoneProvider *self,
                 Call               *call)
{
  g_autofree char *detail =
    g_strdup_printf ("The answer was larger than %" G_GUINT64_FORMAT " bytes and was refused.",
                     self->max_body_size);

  return ak_error_new_too_large (soup_message_get_status (call->message), detail);
}

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

  call->buffer->len = call->read_start + (gsize) n_read;

  if (n_read == 0)
    {
      call_finish_body (task);
      return;
    }

  if (call->buffer->len > self->max_body_size)
    {
      call_return_error (task, too_large_error (self, call));
      return;
    }

  call_read (task);
}

static void
call_read (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  guint64 have = call->buffer->len;
  guint64 want = READ_CHUNK_SIZE;

  /* call_read_cb() stops at more than max-body-size, which is below
   * G_MAXUINT64: the sums below cannot wrap. */
  g_assert (have <= self->max_body_size);

  if (call->expected_length > 0 && (guint64) call->expected_length > have)
    want = MAX (want, (guint64) call->expected_length - have);

  /* One byte past the limit is enough to know the body is too large. */
  want = MIN (want, self->max_body_size + 1 - have);
  want = MIN (want, (guint64) G_MAXSSIZE);

  if (!body_reserve (call->buffer, have + want))
    {
      call_return_error (task, too_large_error (self, call));
      return;
    }

  call->read_start = have;
  g_input_stream_read_async (call->stream,
                             call->buffer->data + have,
                             (gsize) want,
                             G_PRIORITY_DEFAULT,
                             call->cancellable,
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
  guint64 reserve = READ_CHUNK_SIZE;

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

      if (call->expected_length < 0 || (guint64) call->expected_length > self->max_body_size)
        {
          guint status = soup_message_get_status (call->message);
          g_autofree char *detail =
            g_strdup_printf ("The answer announced %" G_GINT64_FORMAT " bytes, more than the "
                             "%" G_GUINT64_FORMAT " accepted.",
                             call->expected_length, self->max_body_size);

          call_return_error (task, ak_error_new_too_large (status, detail));
          return;
        }

      /* At most max-body-size, below G_MAXUINT64. */
      reserve = (guint64) call->expected_length + 1;
    }

  call->buffer = body_new (reserve);
  if (call->buffer == NULL)
    {
      call_return_error (task, too_large_error (self, call));
      return;
    }

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

  call->token = _ak_keystone_ensure_token_finish (AK_KEYSTONE_PROVIDER (object), result, &error);

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

  if ((call->flags & AK_KEYSTONE_CALL_AUTHENTICATED) != 0 && call->token == NULL)
    {
      _ak_keystone_ensure_token_async (self, call->cancellable, call_token_cb,
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
  if ((call->flags & AK_KEYSTONE_CALL_RESEND_IN_TRANSIT) != 0)
    soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);

  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->token != NULL)
    soup_message_headers_replace (headers, "X-Auth-Token", ak_secret_get (call->token));

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);

  call->sends_since_sign_in++;
  soup_session_send_async (call_session (self, call),
                           call->message,
                           G_PRIORITY_DEFAULT,
                           call->cancellable,
                           call_send_cb,
                           g_object_ref (task));
}

static gboolean
call_caller_cancelled_cb (GCancellable *cancellable,
                          gpointer      user_data)
{
  Call *call = user_data;

  g_clear_pointer (&call->caller_source, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
call_deadline_cb (gpointer user_data)
{
  Call *call = user_data;

  g_debug ("%s %s: no complete answer within %u s, giving up",
           call->method, call->path, call->deadline);

  g_clear_pointer (&call->deadline_source, g_source_unref);
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

/* Sends @method to @path (below the /v3 URL, already escaped) and hands back
 * an AkKeystoneResponse for any HTTP status; fails only when no answer
 * arrived (AK_ERROR_TIMEOUT when none was complete by the deadline), when
 * the answer was too large, or when the address may not be used. */
void
_ak_keystone_call_async (AkKeystoneProvider  *self,
                         const char          *method,
                         const char          *path,
                         GBytes              *body,
                         AkKeystoneCallFlags  flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ak_keystone_call_async);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->flags = flags;
  call->cancellable = g_cancellable_new ();
  call->deadline = self->deadline;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  /* Through a source rather than a signal handler: the handler could not be
   * disconnected while the caller's cancellable is being cancelled, and a
   * callback run from inside the cancellation would have to. */
  if (cancellable != NULL)
    {
      call->caller_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->caller_source, G_SOURCE_FUNC (call_caller_cancelled_cb),
                             call, NULL);
      g_source_attach (call->caller_source, g_task_get_context (task));
    }

  if (call->deadline > 0)
    {
      call->deadline_source = g_timeout_source_new (call->deadline * 1000);
      g_source_set_callback (call->deadline_source, call_deadline_cb, call, NULL);
      g_source_attach (call->deadline_source, g_task_get_context (task));
    }

  /* An unencrypted address to another computer is refused before anything,
   * the password included, is sent. */
  if (!ak_account_validate (self->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call_send (task);
}

AkKeystoneResponse *
_ak_keystone_call_finish (AkKeystoneProvider  *self,
                          GAsyncResult        *result,
                          GError             **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _ak_keystone_call_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The path of @user_id's @collection (AK_KEYSTONE_EC2_COLLECTION or
 * AK_KEYSTONE_APP_CRED_COLLECTION), or of the key @key_id in it, escaped. */
char *
_ak_keystone_user_path (const char *user_id,
                        const char *collection,
                        const char *key_id)
{
  g_autofree char *escaped_user = g_uri_escape_string (user_id, NULL, FALSE);
  g_autofree char *escaped_key = NULL;

  if (key_id == NULL)
    return g_strconcat ("/users/", escaped_user, collection, NULL);

  escaped_key = g_uri_escape_string (key_id, NULL, FALSE);

  return g_strconcat ("/users/", escaped_user, collection, "/", escaped_key, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"
#include "ak-keystone-provider-private.h"

/* The token lives in an AkSecret, in memory only. Requests that all need a
 * new token at the same time share one sign-in.
 *
 * Keystone answers a project-scoped password sign-in with the same 401 for a
 * wrong password and for a user without a role on the project. Such a
 * refusal is followed by one sign-in without the project: when that one is
 * accepted, the password was right and the error says it is the project
 * (AK_ERROR_PERMISSION); its token is dropped unused. */

#define TOKEN_MARGIN ((gint64) 60 * G_USEC_PER_SEC)

static void
secret_unref_cb (gpointer data)
{
  ak_secret_unref (data);
}

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

/* Drops @token, or the current token whatever it is when @token is NULL. */
void
_ak_keystone_forget_token (AkKeystoneProvider *self,
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
  _ak_keystone_forget_token (self, NULL);

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

  _ak_keystone_provider_note_sign_in (self);
}

/* One sign-in: the token request, and when a project-scoped password
 * sign-in is refused, a second one without the project. */
typedef struct
{
  /* Its own, to know when it was abandoned for a later one. */
  GCancellable *cancellable;
  /* The refusal of the project-scoped sign-in, while the second one runs. */
  GError       *refused;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->cancellable);
  g_clear_error (&sign_in->refused);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

/* Ends the sign-in under way: every waiter gets the token, or @error. */
static void
finish_sign_in (AkKeystoneProvider *self,
                GError             *error)
{
  Waiter *waiter;

  g_clear_object (&self->sign_in_cancellable);

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

  g_clear_error (&error);
}

static gboolean
is_project_scoped_password (AkKeystoneProvider *self)
{
  const char *project = ak_account_get_project (self->account);

  return ak_account_get_auth_kind (self->account) == AK_AUTH_KIND_PASSWORD &&
         project != NULL && *project != '\0';
}

/* Keystone answers 401 both to a wrong password and to a user who has no
 * role on the project (any more), or whose project is gone or disabled. */
static GError *
no_project_access_error (AkKeystoneProvider *self,
                         const GError       *refused)
{
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  const char *server_said = ak_error_get_detail (refused);

  /* Translators: %s is the name of a project in the cloud account. Said
   * when the user name and password were accepted but the project was not. */
  message = g_strdup_printf (_("Your user name and password are correct, but your account has "
                               "no access to the project “%s”. Ask the owner of the cloud "
                               "account for access to it, or sign in to another project."),
                             ak_account_get_project (self->account));
  detail = g_strdup_printf ("Signing in to the project was refused (%u%s%s), while signing in "
                            "without a project was accepted: the user has no role on the "
                            "project, or the project does not exist or is disabled.",
                            ak_error_get_http_status (refused),
                            server_said != NULL ? ": " : "",
                            server_said != NULL ? server_said : "");

  return ak_error_new_literal (AK_ERROR_PERMISSION, message,
                               ak_error_get_http_status (refused), detail);
}

static void
sign_in_unscoped_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(SignIn) sign_in = user_data;
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  /* Abandoned when its last waiter went: a later sign-in may be under way. */
  if (sign_in->cancellable != self->sign_in_cancellable)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_sign_in (self, g_steal_pointer (&error));
      return;
    }

  /* Only whether the server accepted matters. The token it gave is never
   * used nor read: it is wiped with the response, here. Any other answer,
   * or none, leaves the refusal as it was. */
  if (response != NULL &&
      _ak_keystone_status_is_success (response->status) &&
      response->subject_token != NULL)
    finish_sign_in (self, no_project_access_error (self, sign_in->refused));
  else
    finish_sign_in (self, g_steal_pointer (&sign_in->refused));
}

/* Asks again without the project, to tell a wrong password from a project
 * the user may not use. */
static void
check_unscoped (AkKeystoneProvider *self,
                SignIn             *sign_in)
{
  g_autoptr(AkSecret) json = NULL;
  g_autoptr(GBytes) body = NULL;

  json = ak_keystone_json_build_password_auth (ak_account_get_username (self->account),
                                               ak_account_get_user_domain (self->account),
                                               self->secret, NULL, NULL);
  body = _ak_keystone_bytes_from_secret (g_steal_pointer (&json));

  g_debug ("Signing in to the project was refused; signing in without it, to tell why");

  _ak_keystone_call_async (self, "POST", "/auth/tokens", body, AK_KEYSTONE_CALL_NONE,
                           sign_in->cancellable, sign_in_unscoped_cb, sign_in);
}

/* What a web server that is no sign-in service says to the sign-in request:
 * "no such page" (404), "not allowed here" (405) or "not supported" (501),
 * or any refusal that is not in Keystone's words (a web page). Trying again
 * would not help; the address has to change. A redirect is never followed:
 * it could take the password elsewhere. A server in trouble (5xx) or one
 * asking to slow down (408, 429) may be Keystone behind a proxy, and is
 * left to _ak_keystone_response_error(). */
static gboolean
is_not_sign_in_service (AkKeystoneResponse *response)
{
  guint status = response->status;

  if (status == SOUP_STATUS_NOT_FOUND ||
      status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_NOT_IMPLEMENTED ||
      (status >= 300 && status < 400))
    return TRUE;

  if (status >= 400 && status < 500 &&
      status != SOUP_STATUS_REQUEST_TIMEOUT && status != 429)
    return !ak_keystone_json_is_sign_in_answer (response->body);

  return FALSE;
}

static GError *
not_sign_in_service_error (AkKeystoneResponse *response,
                           const char         *why)
{
  g_autofree char *detail =
    g_strdup_printf ("The sign-in request (POST /v3/auth/tokens) was answered with status "
                     "%u: %s", response->status, why);

  return ak_error_new_not_sign_in_service (response->status, detail);
}

/* The error for the answer to the sign-in request, or NULL when it is a
 * token. Sets *info to what the token says. */
static GError *
sign_in_answer_error (AkKeystoneResponse  *response,
                      AkKeystoneToken    **info)
{
  GError *error = NULL;

  if (!_ak_keystone_status_is_success (response->status))
    {
      if (response->status >= 300 && response->status < 400)
        return not_sign_in_service_error (response, "a redirect, which is not followed.");
      if (is_not_sign_in_service (response))
        return not_sign_in_service_error (response, "not an answer a sign-in service gives.");

      return _ak_keystone_response_error (response);
    }

  /* A web page, or data about something else: a sign-in service answers
   * with a token. Something that is a token but that we cannot read is a
   * sign-in service we do not understand, which the parser says. */
  if (!ak_keystone_json_is_sign_in_answer (response->body))
    return not_sign_in_service_error (response, "the answer is not a sign-in token.");

  if (response->subject_token == NULL)
    return ak_error_new (AK_ERROR_PROTOCOL, response->status,
                         "The sign-in answer carried no X-Subject-Token header.");

  *info = ak_keystone_json_parse_token (response->body, &error);

  return error;
}

static void
sign_in_request_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(SignIn) sign_in = user_data;
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  /* Abandoned when its last waiter went: a later sign-in may be under way. */
  if (sign_in->cancellable != self->sign_in_cancellable)
    return;

  /* Nobody hears of the refusal before its reason is known. */
  if (response != NULL &&
      response->status == SOUP_STATUS_UNAUTHORIZED &&
      !is_not_sign_in_service (response) &&
      is_project_scoped_password (self))
    {
      sign_in->refused = _ak_keystone_response_error (response);
      check_unscoped (self, g_steal_pointer (&sign_in));
      return;
    }

  g_clear_object (&self->sign_in_cancellable);

  if (response != NULL)
    {
      AkKeystoneToken *info = NULL;

      error = sign_in_answer_error (response, &info);
      if (info != NULL)
        keep_token (self, g_steal_pointer (&response->subject_token), info);
    }

  finish_sign_in (self, g_steal_pointer (&error));
}

static void
start_sign_in (AkKeystoneProvider *self)
{
  g_autoptr(GBytes) body = NULL;
  SignIn *sign_in;
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

  body = _ak_keystone_bytes_from_secret (json);
  self->sign_in_cancellable = g_cancellable_new ();

  sign_in = g_new0 (SignIn, 1);
  sign_in->cancellable = g_object_ref (self->sign_in_cancellable);

  /* Not the address: until _ak_keystone_call_async() has checked it, it
   * might hold a password ("https://user:password@host"). */
  g_debug ("Signing in");

  _ak_keystone_call_async (self, "POST", "/auth/tokens", body, AK_KEYSTONE_CALL_NONE,
                           self->sign_in_cancellable, sign_in_request_cb, sign_in);
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
void
_ak_keystone_ensure_token_async (AkKeystoneProvider  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ak_keystone_ensure_token_async);

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

AkSecret *
_ak_keystone_ensure_token_finish (AkKeystoneProvider  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _ak_keystone_ensure_token_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Finishes _ak_keystone_ensure_token_async() for an operation's @task, which
 * gets the error when there is no token. Returns: whether there is one. */
gboolean
_ak_keystone_token_ready (AkKeystoneProvider *self,
                          GAsyncResult       *result,
                          GTask              *task)
{
  g_autoptr(AkSecret) token = NULL;
  GError *error = NULL;

  token = _ak_keystone_ensure_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }

  return TRUE;
}

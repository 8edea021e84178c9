/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"

typedef struct
{
  guint  http_status;
  char  *detail;
} AkErrorPrivate;

static void
ak_error_private_init (AkErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->detail = NULL;
}

static void
ak_error_private_copy (const AkErrorPrivate *src,
                       AkErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->detail = g_strdup (src->detail);
}

static void
ak_error_private_clear (AkErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (AkError, ak_error)

/**
 * ak_error_code_to_message:
 * @code: an #AkErrorCode
 *
 * Returns: (transfer none): the sentence a person reads for @code, translated.
 */
const char *
ak_error_code_to_message (AkErrorCode code)
{
  switch (code)
    {
    case AK_ERROR_AUTH:
      return _("The sign-in was refused. Check the user name and password, then sign in again.");
    case AK_ERROR_PERMISSION:
      return _("Your account is not allowed to manage this key. Sign in with the main account, "
               "or ask its owner for permission to manage access keys.");
    case AK_ERROR_NOT_FOUND:
      return _("The key no longer exists. It may have been deleted already.");
    case AK_ERROR_CONFLICT:
      return _("Something with the same name already exists. Choose another name.");
    case AK_ERROR_NETWORK:
      return _("The server could not be reached. Check your internet connection and the "
               "server address.");
    case AK_ERROR_TLS:
      return _("The server’s identity could not be verified, so the connection was not made.");
    case AK_ERROR_TIMEOUT:
      return _("The server took too long to answer. Try again in a moment.");
    case AK_ERROR_PROTOCOL:
      return _("The server sent an answer this app does not understand. Check that the "
               "address is the identity service of your cloud.");
    case AK_ERROR_SERVER:
      return _("The server had a problem and could not do this. Try again later.");
    case AK_ERROR_INSECURE:
      return _("This address does not use an encrypted connection. Use an address starting "
               "with https://, or allow unencrypted connections for this account.");
    case AK_ERROR_INVALID:
      return _("Some of the details entered are not valid.");
    case AK_ERROR_STORAGE:
      return _("Your saved accounts could not be read or saved.");
    case AK_ERROR_FAILED:
    default:
      return _("Something went wrong.");
    }
}

/**
 * ak_error_new_literal:
 * @code: an #AkErrorCode
 * @message: (nullable): the sentence for a person, or %NULL for the code's own
 * @http_status: the HTTP status behind the error, or 0
 * @detail: (nullable): what the server or the system said, kept apart
 *
 * Returns: (transfer full): a new #GError in the %AK_ERROR domain
 */
GError *
ak_error_new_literal (AkErrorCode  code,
                      const char  *message,
                      guint        http_status,
                      const char  *detail)
{
  GError *error;
  AkErrorPrivate *priv;

  error = g_error_new_literal (AK_ERROR, code,
                               message != NULL ? message : ak_error_code_to_message (code));
  priv = ak_error_get_private (error);
  priv->http_status = http_status;
  priv->detail = g_strdup (detail);

  return error;
}

GError *
ak_error_new (AkErrorCode  code,
              guint        http_status,
              const char  *detail)
{
  return ak_error_new_literal (code, NULL, http_status, detail);
}

/**
 * ak_error_new_too_large:
 * @http_status: the HTTP status of the answer, or 0
 * @detail: (nullable): how large it was, and the limit, kept apart
 *
 * An answer refused for its size is an %AK_ERROR_PROTOCOL error whose
 * sentence says so: "does not understand" would send the person to check
 * the address, when the server answered, only too much.
 *
 * Returns: (transfer full): a new #GError in the %AK_ERROR domain
 */
GError *
ak_error_new_too_large (guint       http_status,
                        const char *detail)
{
  return ak_error_new_literal (AK_ERROR_PROTOCOL,
                               _("The server’s answer was too large to read safely."),
                               http_status, detail);
}

/**
 * ak_error_new_not_sign_in_service:
 * @http_status: the HTTP status of the answer, or 0
 * @detail: (nullable): what the server answered, kept apart
 *
 * The address answered, but not as a cloud sign-in service does: a web
 * page, "no such page" or "not supported", or data that is no sign-in.
 * Trying again never helps; the address has to change. An
 * %AK_ERROR_PROTOCOL error whose sentence says so.
 *
 * Returns: (transfer full): a new #GError in the %AK_ERROR domain
 */
GError *
ak_error_new_not_sign_in_service (guint       http_status,
                                  const char *detail)
{
  return ak_error_new_literal (AK_ERROR_PROTOCOL,
                               _("This address does not lead to a cloud sign-in service. Check "
                                 "the address your cloud provider gave you: it often ends in "
                                 "“/v3”."),
                               http_status, detail);
}

void
ak_set_error (GError      **error,
              AkErrorCode   code,
              guint         http_status,
              const char   *detail)
{
  if (error == NULL)
    return;

  g_return_if_fail (*error == NULL);

  *error = ak_error_new (code, http_status, detail);
}

/**
 * ak_error_get_detail:
 * @error: a #GError
 *
 * Returns: (nullable): what the server or the system said, for an expander
 */
const char *
ak_error_get_detail (const GError *error)
{
  AkErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != AK_ERROR)
    return NULL;

  priv = ak_error_get_private (error);

  return priv != NULL ? priv->detail : NULL;
}

guint
ak_error_get_http_status (const GError *error)
{
  AkErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != AK_ERROR)
    return 0;

  priv = ak_error_get_private (error);

  return priv != NULL ? priv->http_status : 0;
}

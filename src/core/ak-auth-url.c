/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-auth-url"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ak-auth-url.h"
#include "ak-error.h"

/* The identity address as people paste it, made into the one to sign in
 * at: what a cloud's pages and e-mails show is often the service's root
 * ("https://cloud.example.com:5000"), with a slash at the end, the old
 * version ("/v2.0"), or the full sign-in request ("/v3/auth/tokens").
 *
 * A dashboard's address (Horizon, at "/dashboard" or "/horizon", or its
 * sign-in page "/auth/login") is recognised but not turned into an identity
 * address: where the identity service lives (another port, "/identity", or
 * another host) differs from cloud to cloud and cannot be known from it.
 * The person is told where the dashboard shows the right one instead. */

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_propagate_error (error, ak_error_new_literal (AK_ERROR_INVALID, message, 0, NULL));

  return FALSE;
}

static gboolean
is_dashboard_path (char **segments)
{
  if (segments[0] != NULL &&
      (g_ascii_strcasecmp (segments[0], "dashboard") == 0 ||
       g_ascii_strcasecmp (segments[0], "horizon") == 0))
    return TRUE;

  /* Horizon's own sign-in page, wherever it is installed. */
  for (guint i = 0; segments[i] != NULL && segments[i + 1] != NULL; i++)
    if (g_ascii_strcasecmp (segments[i], "auth") == 0 &&
        g_ascii_strcasecmp (segments[i + 1], "login") == 0)
      return TRUE;

  return FALSE;
}

/* The path up to and with "/v3": the root gets it added, an old version
 * is replaced, a request below it is cut off. */
static char *
identity_path (char **segments)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (segments[i], "v3") == 0)
        break;

      /* An old version's address, or its version document, is the root's. */
      if (g_ascii_strcasecmp (segments[i], "v2.0") == 0 ||
          g_ascii_strcasecmp (segments[i], "v2") == 0)
        break;

      g_strv_builder_add (builder, segments[i]);
    }

  g_strv_builder_add (builder, "v3");
  kept = g_strv_builder_end (builder);
  joined = g_strjoinv ("/", kept);

  return g_strconcat ("/", joined, NULL);
}

/**
 * ak_auth_url_normalize:
 * @text: (nullable): an identity address as typed or pasted
 * @error: a location for a #GError, or %NULL
 *
 * Makes @text the address to sign in at: spaces and line breaks around it
 * go, "https://" is added when no scheme is given, the scheme and host are
 * written in lower case, a query, a fragment and slashes at the end go, and
 * the path ends in "/v3" (added to the root, replacing "/v2.0", cutting
 * what follows "/v3"). A port is kept as given.
 *
 * Fails with %AK_ERROR_INVALID, in a sentence naming what to do, for an
 * empty address, one that is not an http or https address with a host, one
 * with a user name or password in it, and a dashboard's address.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL with @error set
 */
char *
ak_auth_url_normalize (const char  *text,
                       GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  const char *uri_host = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    {
      set_invalid (error, _("Enter the identity address of your cloud."));
      return NULL;
    }

  /* "cloud.example.com:5000/v3" has no scheme; GLib would read "cloud.example.com" as one. */
  if (strstr (stripped, "://") == NULL)
    with_scheme = g_strconcat ("https://", stripped, NULL);
  else
    with_scheme = g_steal_pointer (&stripped);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL)
    uri_host = g_uri_get_host (uri);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0) ||
      uri_host == NULL || *uri_host == '\0' || strchr (uri_host, ' ') != NULL)
    {
      set_invalid (error,
                   _("The identity address is not a web address. It starts with "
                     "https:// and names a server, such as "
                     "https://cloud.example.com:5000/v3."));
      return NULL;
    }

  /* A password in the address would end up in the saved accounts file. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      set_invalid (error,
                   _("Remove the user name and password from the identity address. "
                     "Enter them in their own fields instead."));
      return NULL;
    }

  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  segments = g_strv_builder_end (builder);

  if (is_dashboard_path (segments))
    {
      set_invalid (error,
                   _("This is the address of your cloud’s dashboard, the web page you sign "
                     "in to, not of its sign-in service. In the dashboard, open “API "
                     "Access”: the address next to “Identity” is the one to enter here."));
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (uri_host, -1);
  path = identity_path (segments);
  result = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, host, g_uri_get_port (uri), path,
                        NULL, NULL);

  return g_uri_to_string (result);
}

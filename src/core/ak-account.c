/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-account"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ak-account.h"
#include "ak-error.h"
#include "ak-util-private.h"

/* Where to sign in and as whom. The password or application-credential
 * secret is never here: AkAccountStore keeps it in the keyring. */
struct _AkAccount
{
  GObject     parent_instance;

  /* Identity: set once, at construction. */
  char       *id;

  /* What the person entered. */
  char       *label;
  char       *auth_url;
  AkAuthKind  auth_kind;
  char       *user_domain;
  char       *username;
  char       *project_domain;
  char       *project;
  char       *application_credential_id;
  guint       allow_unencrypted : 1;

  /* Derived from the above, kept so the getter can return it unowned. */
  char       *display_label;
};

G_DEFINE_ENUM_TYPE (AkAuthKind, ak_auth_kind,
  G_DEFINE_ENUM_VALUE (AK_AUTH_KIND_PASSWORD, "password"),
  G_DEFINE_ENUM_VALUE (AK_AUTH_KIND_APPLICATION_CREDENTIAL, "application-credential"))

G_DEFINE_FINAL_TYPE (AkAccount, ak_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DISPLAY_LABEL,
  PROP_AUTH_URL,
  PROP_AUTH_KIND,
  PROP_USER_DOMAIN,
  PROP_USERNAME,
  PROP_PROJECT_DOMAIN,
  PROP_PROJECT,
  PROP_APPLICATION_CREDENTIAL_ID,
  PROP_ALLOW_UNENCRYPTED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define DEFAULT_DOMAIN "Default"

/* The server part of @url as a person would recognise it ("cloud.example.com",
 * "[::1]:5000"), or NULL when @url is not an absolute URL with a host. */
static char *
dup_url_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  int port;

  if (_ak_str_is_blank (url))
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return NULL;

  port = g_uri_get_port (uri);

  if (strchr (host, ':') != NULL)
    {
      if (port > 0)
        return g_strdup_printf ("[%s]:%d", host, port);
      return g_strdup_printf ("[%s]", host);
    }

  if (port > 0)
    return g_strdup_printf ("%s:%d", host, port);

  return g_strdup (host);
}

static char *
compute_display_label (AkAccount *self)
{
  g_autofree char *host = NULL;
  const char *who = NULL;

  if (!_ak_str_is_blank (self->label))
    return g_strdup (self->label);

  host = dup_url_host (self->auth_url);
  if (!_ak_str_is_blank (self->username))
    who = self->username;

  if (who != NULL && host != NULL && !_ak_str_is_blank (self->project))
    {
      /* Translators: how an account without a name of its own is shown: a user
       * name, a project and a server, e.g. "alice in demo on cloud.example.com". */
      return g_strdup_printf (_("%1$s in %2$s on %3$s"), who, self->project, host);
    }

  if (who != NULL && host != NULL)
    {
      /* Translators: a user name and a server, e.g. "alice on cloud.example.com". */
      return g_strdup_printf (_("%1$s on %2$s"), who, host);
    }

  if (host != NULL && self->auth_kind == AK_AUTH_KIND_APPLICATION_CREDENTIAL)
    {
      /* Translators: an account that signs in with an application credential
       * rather than a user name; %s is a server, e.g. "cloud.example.com". */
      return g_strdup_printf (_("Application credential on %s"), host);
    }

  if (host != NULL)
    return g_steal_pointer (&host);

  if (who != NULL)
    return g_strdup (who);

  return g_strdup (_("New Account"));
}

/* Called after any field that the display label is made of has changed. */
static void
update_display_label (AkAccount *self)
{
  g_autofree char *display_label = compute_display_label (self);

  if (g_strcmp0 (display_label, self->display_label) == 0)
    return;

  g_free (self->display_label);
  self->display_label = g_steal_pointer (&display_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DISPLAY_LABEL]);
}

static void
ak_account_constructed (GObject *object)
{
  AkAccount *self = (AkAccount *)object;

  G_OBJECT_CLASS (ak_account_parent_class)->constructed (object);

  /* A new account gets its id here; a loaded one keeps the id it was given. */
  if (_ak_str_is_blank (self->id))
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }

  self->display_label = compute_display_label (self);
}

static void
ak_account_finalize (GObject *object)
{
  AkAccount *self = (AkAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->auth_url, g_free);
  g_clear_pointer (&self->user_domain, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->project_domain, g_free);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->application_credential_id, g_free);
  g_clear_pointer (&self->display_label, g_free);

  G_OBJECT_CLASS (ak_account_parent_class)->finalize (object);
}

static void
ak_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AkAccount *self = AK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DISPLAY_LABEL:
      g_value_set_string (value, self->display_label);
      break;

    case PROP_AUTH_URL:
      g_value_set_string (value, self->auth_url);
      break;

    case PROP_AUTH_KIND:
      g_value_set_enum (value, self->auth_kind);
      break;

    case PROP_USER_DOMAIN:
      g_value_set_string (value, self->user_domain);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_PROJECT_DOMAIN:
      g_value_set_string (value, self->project_domain);
      break;

    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;

    case PROP_APPLICATION_CREDENTIAL_ID:
      g_value_set_string (value, self->application_credential_id);
      break;

    case PROP_ALLOW_UNENCRYPTED:
      g_value_set_boolean (value, self->allow_unencrypted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AkAccount *self = AK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      ak_account_set_label (self, g_value_get_string (value));
      break;

    case PROP_AUTH_URL:
      ak_account_set_auth_url (self, g_value_get_string (value));
      break;

    case PROP_AUTH_KIND:
      ak_account_set_auth_kind (self, g_value_get_enum (value));
      break;

    case PROP_USER_DOMAIN:
      ak_account_set_user_domain (self, g_value_get_string (value));
      break;

    case PROP_USERNAME:
      ak_account_set_username (self, g_value_get_string (value));
      break;

    case PROP_PROJECT_DOMAIN:
      ak_account_set_project_domain (self, g_value_get_string (value));
      break;

    case PROP_PROJECT:
      ak_account_set_project (self, g_value_get_string (value));
      break;

    case PROP_APPLICATION_CREDENTIAL_ID:
      ak_account_set_application_credential_id (self, g_value_get_string (value));
      break;

    case PROP_ALLOW_UNENCRYPTED:
      ak_account_set_allow_unencrypted (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_account_class_init (AkAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ak_account_constructed;
  object_class->finalize = ak_account_finalize;
  object_class->get_property = ak_account_get_property;
  object_class->set_property = ak_account_set_property;

  /**
   * AkAccount:id:
   *
   * A random UUID made when the account is created, kept when it is loaded.
   * The keyring item of the account is found by it.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * AkAccount:display-label:
   *
   * The name to show: the label the person chose, or else words made from
   * the user name, project and server.
   */
  properties [PROP_DISPLAY_LABEL] =
    g_param_spec_string ("display-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_AUTH_URL] =
    g_param_spec_string ("auth-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_AUTH_KIND] =
    g_param_spec_enum ("auth-kind", NULL, NULL,
                       AK_TYPE_AUTH_KIND, AK_AUTH_KIND_PASSWORD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_USER_DOMAIN] =
    g_param_spec_string ("user-domain", NULL, NULL,
                         DEFAULT_DOMAIN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT_DOMAIN] =
    g_param_spec_string ("project-domain", NULL, NULL,
                         DEFAULT_DOMAIN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_APPLICATION_CREDENTIAL_ID] =
    g_param_spec_string ("application-credential-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ALLOW_UNENCRYPTED] =
    g_param_spec_boolean ("allow-unencrypted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_account_init (AkAccount *self)
{
  self->auth_kind = AK_AUTH_KIND_PASSWORD;
  self->user_domain = g_strdup (DEFAULT_DOMAIN);
  self->project_domain = g_strdup (DEFAULT_DOMAIN);
}

/**
 * ak_account_new:
 *
 * Returns: (transfer full): a new account with a fresh id and default domains
 */
AkAccount *
ak_account_new (void)
{
  return g_object_new (AK_TYPE_ACCOUNT, NULL);
}

/**
 * ak_account_copy:
 * @self: an #AkAccount
 *
 * Makes an independent copy with the same id, for an edit dialog to change
 * without touching the account in use until it is saved.
 *
 * Returns: (transfer full): a new #AkAccount equal to @self
 */
AkAccount *
ak_account_copy (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return g_object_new (AK_TYPE_ACCOUNT,
                       "id", self->id,
                       "label", self->label,
                       "auth-url", self->auth_url,
                       "auth-kind", self->auth_kind,
                       "user-domain", self->user_domain,
                       "username", self->username,
                       "project-domain", self->project_domain,
                       "project", self->project,
                       "application-credential-id", self->application_credential_id,
                       "allow-unencrypted", (gboolean)self->allow_unencrypted,
                       NULL);
}

const char *
ak_account_get_id (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
ak_account_get_label (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->label;
}

void
ak_account_set_label (AkAccount  *self,
                      const char *label)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->label, label))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LABEL]);
  update_display_label (self);
}

/**
 * ak_account_get_display_label:
 * @self: an #AkAccount
 *
 * Returns: (transfer none): the label, or else words naming the user,
 *   project and server; never %NULL
 */
const char *
ak_account_get_display_label (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->display_label;
}

const char *
ak_account_get_auth_url (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->auth_url;
}

void
ak_account_set_auth_url (AkAccount  *self,
                         const char *auth_url)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->auth_url, auth_url))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTH_URL]);
  update_display_label (self);
}

AkAuthKind
ak_account_get_auth_kind (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), AK_AUTH_KIND_PASSWORD);

  return self->auth_kind;
}

void
ak_account_set_auth_kind (AkAccount  *self,
                          AkAuthKind  auth_kind)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));
  g_return_if_fail (auth_kind == AK_AUTH_KIND_PASSWORD ||
                    auth_kind == AK_AUTH_KIND_APPLICATION_CREDENTIAL);

  if (self->auth_kind == auth_kind)
    return;

  self->auth_kind = auth_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTH_KIND]);
  update_display_label (self);
}

const char *
ak_account_get_user_domain (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->user_domain;
}

void
ak_account_set_user_domain (AkAccount  *self,
                            const char *user_domain)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->user_domain, user_domain))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_DOMAIN]);
}

const char *
ak_account_get_username (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->username;
}

void
ak_account_set_username (AkAccount  *self,
                         const char *username)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->username, username))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USERNAME]);
  update_display_label (self);
}

const char *
ak_account_get_project_domain (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->project_domain;
}

void
ak_account_set_project_domain (AkAccount  *self,
                               const char *project_domain)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->project_domain, project_domain))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT_DOMAIN]);
}

const char *
ak_account_get_project (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->project;
}

void
ak_account_set_project (AkAccount  *self,
                        const char *project)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->project, project))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT]);
  update_display_label (self);
}

const char *
ak_account_get_application_credential_id (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), NULL);

  return self->application_credential_id;
}

void
ak_account_set_application_credential_id (AkAccount  *self,
                                          const char *id)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  if (!_ak_set_str (&self->application_credential_id, id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_APPLICATION_CREDENTIAL_ID]);
}

gboolean
ak_account_get_allow_unencrypted (AkAccount *self)
{
  g_return_val_if_fail (AK_IS_ACCOUNT (self), FALSE);

  return self->allow_unencrypted;
}

void
ak_account_set_allow_unencrypted (AkAccount *self,
                                  gboolean   allow_unencrypted)
{
  g_return_if_fail (AK_IS_ACCOUNT (self));

  allow_unencrypted = !!allow_unencrypted;
  if (self->allow_unencrypted == (guint)allow_unencrypted)
    return;

  self->allow_unencrypted = allow_unencrypted;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALLOW_UNENCRYPTED]);
}

/* Parses @url as an absolute http or https URL with a host, or returns NULL. */
static GUri *
parse_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return NULL;

  return g_steal_pointer (&uri);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* Only literal addresses: a name other than localhost would need DNS,
   * and what DNS says can change. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * ak_account_url_is_loopback:
 * @url: (nullable): a URL
 *
 * Whether @url is an http or https URL to this computer: a host in
 * 127.0.0.0/8, ::1 or "localhost". Looks nothing up in DNS.
 *
 * Returns: %TRUE for a loopback http(s) URL, %FALSE for anything else
 */
gboolean
ak_account_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = parse_web_url (url);

  if (uri == NULL)
    return FALSE;

  return host_is_loopback (g_uri_get_host (uri));
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_propagate_error (error, ak_error_new_literal (AK_ERROR_INVALID, message, 0, NULL));

  return FALSE;
}

/**
 * ak_account_validate:
 * @self: an #AkAccount
 * @error: a location for a #GError, or %NULL
 *
 * Checks that @self has what a sign-in needs, in the order of the sign-in
 * form: an identity address that is an http or https URL with a host and no
 * user name or password inside it; an encrypted connection unless the host is
 * this computer or #AkAccount:allow-unencrypted is set (else
 * %AK_ERROR_INSECURE); then, for a password, the user name, its domain, the
 * project and its domain; for an application credential, its ID. Every other
 * failure is %AK_ERROR_INVALID with a sentence naming the field to fix.
 *
 * Returns: %TRUE if a sign-in can be tried with @self
 */
gboolean
ak_account_validate (AkAccount  *self,
                     GError    **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (AK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_ak_str_is_blank (self->auth_url))
    return set_invalid (error, _("Enter the identity address of your cloud."));

  uri = parse_web_url (self->auth_url);
  if (uri == NULL)
    return set_invalid (error,
                        _("The identity address is not a web address. It starts with "
                          "https:// and names a server, such as "
                          "https://cloud.example.com:5000/v3."));

  /* A password in the address would end up in the saved accounts file. */
  if (g_uri_get_userinfo (uri) != NULL)
    return set_invalid (error,
                        _("Remove the user name and password from the identity address. "
                          "Enter them in their own fields instead."));

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
      !self->allow_unencrypted &&
      !host_is_loopback (g_uri_get_host (uri)))
    {
      g_propagate_error (error, ak_error_new (AK_ERROR_INSECURE, 0, self->auth_url));
      return FALSE;
    }

  switch (self->auth_kind)
    {
    case AK_AUTH_KIND_APPLICATION_CREDENTIAL:
      if (_ak_str_is_blank (self->application_credential_id))
        return set_invalid (error, _("Enter the ID of your application credential."));
      break;

    case AK_AUTH_KIND_PASSWORD:
    default:
      if (_ak_str_is_blank (self->username))
        return set_invalid (error, _("Enter your user name."));
      if (_ak_str_is_blank (self->user_domain))
        return set_invalid (error,
                            _("Enter the domain of your user name. If you are not sure, "
                              "enter “Default”."));
      if (_ak_str_is_blank (self->project))
        return set_invalid (error, _("Enter the project to work in."));
      if (_ak_str_is_blank (self->project_domain))
        return set_invalid (error,
                            _("Enter the domain of the project. If you are not sure, "
                              "enter “Default”."));
      break;
    }

  return TRUE;
}

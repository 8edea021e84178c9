/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-cloud-config"

#include "config.h"

#include "ak-cloud-config-private.h"

struct _AkCloudConfig
{
  GObject              parent_instance;

  /* owned: every string, and the secret */
  AkCloudConfigFields  fields;
};

G_DEFINE_FINAL_TYPE (AkCloudConfig, ak_cloud_config, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_AUTH_URL,
  PROP_AUTH_TYPE,
  PROP_USERNAME,
  PROP_USER_DOMAIN,
  PROP_PROJECT_NAME,
  PROP_PROJECT_ID,
  PROP_PROJECT_DOMAIN,
  PROP_REGION,
  PROP_PROFILE,
  PROP_APPLICATION_CREDENTIAL_ID,
  PROP_AUTH_KIND,
  PROP_HAS_SECRET,
  N_PROPS
};

/* The string properties, in the order of the enum, and where each lives. */
static const struct
{
  const char *name;
  gsize       offset;
} string_props[] = {
  [PROP_NAME] = { "name", G_STRUCT_OFFSET (AkCloudConfigFields, name) },
  [PROP_PATH] = { "path", G_STRUCT_OFFSET (AkCloudConfigFields, path) },
  [PROP_AUTH_URL] = { "auth-url", G_STRUCT_OFFSET (AkCloudConfigFields, auth_url) },
  [PROP_AUTH_TYPE] = { "auth-type", G_STRUCT_OFFSET (AkCloudConfigFields, auth_type) },
  [PROP_USERNAME] = { "username", G_STRUCT_OFFSET (AkCloudConfigFields, username) },
  [PROP_USER_DOMAIN] = { "user-domain", G_STRUCT_OFFSET (AkCloudConfigFields, user_domain) },
  [PROP_PROJECT_NAME] = { "project-name", G_STRUCT_OFFSET (AkCloudConfigFields, project_name) },
  [PROP_PROJECT_ID] = { "project-id", G_STRUCT_OFFSET (AkCloudConfigFields, project_id) },
  [PROP_PROJECT_DOMAIN] = { "project-domain",
                            G_STRUCT_OFFSET (AkCloudConfigFields, project_domain) },
  [PROP_REGION] = { "region", G_STRUCT_OFFSET (AkCloudConfigFields, region) },
  [PROP_PROFILE] = { "profile", G_STRUCT_OFFSET (AkCloudConfigFields, profile) },
  [PROP_APPLICATION_CREDENTIAL_ID] = {
    "application-credential-id",
    G_STRUCT_OFFSET (AkCloudConfigFields, application_credential_id) },
};

static GParamSpec *properties [N_PROPS];

#define FIELD(self, prop) \
  (G_STRUCT_MEMBER (char *, &(self)->fields, string_props[prop].offset))

/**
 * _ak_cloud_config_fields_clear:
 * @fields: fields a parser filled in
 *
 * Frees every field and wipes the secret.
 */
void
_ak_cloud_config_fields_clear (AkCloudConfigFields *fields)
{
  for (guint prop = PROP_NAME; prop <= PROP_APPLICATION_CREDENTIAL_ID; prop++)
    g_clear_pointer (&G_STRUCT_MEMBER (char *, fields, string_props[prop].offset), g_free);
  g_clear_pointer (&fields->secret, ak_secret_unref);
}

/**
 * _ak_cloud_config_new:
 * @fields: what a parser found; emptied, its contents now the object's
 *
 * Returns: (transfer full): a new #AkCloudConfig
 */
AkCloudConfig *
_ak_cloud_config_new (AkCloudConfigFields *fields)
{
  AkCloudConfig *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (AK_TYPE_CLOUD_CONFIG, NULL);
  self->fields = *fields;
  *fields = (AkCloudConfigFields) { 0, };

  return self;
}

static void
ak_cloud_config_finalize (GObject *object)
{
  AkCloudConfig *self = (AkCloudConfig *)object;

  _ak_cloud_config_fields_clear (&self->fields);

  G_OBJECT_CLASS (ak_cloud_config_parent_class)->finalize (object);
}

static void
ak_cloud_config_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AkCloudConfig *self = AK_CLOUD_CONFIG (object);

  switch (prop_id)
    {
    case PROP_AUTH_KIND:
      g_value_set_enum (value, ak_cloud_config_get_auth_kind (self));
      break;

    case PROP_HAS_SECRET:
      g_value_set_boolean (value, self->fields.secret != NULL);
      break;

    default:
      if (prop_id >= PROP_NAME && prop_id <= PROP_APPLICATION_CREDENTIAL_ID)
        g_value_set_string (value, FIELD (self, prop_id));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_cloud_config_class_init (AkCloudConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_cloud_config_finalize;
  object_class->get_property = ak_cloud_config_get_property;

  for (guint prop = PROP_NAME; prop <= PROP_APPLICATION_CREDENTIAL_ID; prop++)
    properties [prop] =
      g_param_spec_string (string_props[prop].name, NULL, NULL,
                           NULL,
                           (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_AUTH_KIND] =
    g_param_spec_enum ("auth-kind", NULL, NULL,
                       AK_TYPE_AUTH_KIND, AK_AUTH_KIND_PASSWORD,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Whether the file holds the password or secret; the secret itself is no
   * property, so that nothing generic (a binding, a debugger's dump of
   * properties) ever reads it. */
  properties [PROP_HAS_SECRET] =
    g_param_spec_boolean ("has-secret", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_cloud_config_init (AkCloudConfig *self)
{
}

/* The name of the cloud in clouds.yaml, or the openrc file's name. */
const char *
ak_cloud_config_get_name (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.name;
}

/* The clouds.yaml or openrc file the cloud came from. */
const char *
ak_cloud_config_get_path (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.path;
}

const char *
ak_cloud_config_get_auth_url (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.auth_url;
}

/**
 * ak_cloud_config_get_auth_type:
 * @self: an #AkCloudConfig
 *
 * Returns: (nullable): the file's auth_type as written, such as
 *   "v3applicationcredential", or %NULL when it names none (a password)
 */
const char *
ak_cloud_config_get_auth_type (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.auth_type;
}

/* keystoneauth's names for an application credential. */
gboolean
_ak_cloud_config_auth_type_is_app_cred (const char *type)
{
  return g_strcmp0 (type, "v3applicationcredential") == 0 ||
         g_strcmp0 (type, "applicationcredential") == 0 ||
         g_strcmp0 (type, "application_credential") == 0;
}

/* Whether the app can sign in the way the cloud says: with a password or
 * an application credential, not a token, a single sign-on or a one-time
 * code. */
gboolean
ak_cloud_config_is_supported (AkCloudConfig *self)
{
  const char *type;

  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), FALSE);

  type = self->fields.auth_type;

  return type == NULL ||
         g_strcmp0 (type, "password") == 0 ||
         g_strcmp0 (type, "v3password") == 0 ||
         _ak_cloud_config_auth_type_is_app_cred (type);
}

AkAuthKind
ak_cloud_config_get_auth_kind (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), AK_AUTH_KIND_PASSWORD);

  if (_ak_cloud_config_auth_type_is_app_cred (self->fields.auth_type))
    return AK_AUTH_KIND_APPLICATION_CREDENTIAL;

  return AK_AUTH_KIND_PASSWORD;
}

const char *
ak_cloud_config_get_username (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.username;
}

const char *
ak_cloud_config_get_user_domain (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.user_domain;
}

const char *
ak_cloud_config_get_project_name (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.project_name;
}

const char *
ak_cloud_config_get_project_id (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.project_id;
}

const char *
ak_cloud_config_get_project_domain (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.project_domain;
}

/* The region, or the first of a cloud's "regions". */
const char *
ak_cloud_config_get_region (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.region;
}

/**
 * ak_cloud_config_get_profile:
 * @self: an #AkCloudConfig
 *
 * A profile names a provider's defaults that openstacksdk ships (its
 * address, among others). The app does not read them: a cloud with a
 * profile and no auth_url of its own has no address here.
 *
 * Returns: (nullable): the cloud's profile
 */
const char *
ak_cloud_config_get_profile (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.profile;
}

const char *
ak_cloud_config_get_application_credential_id (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.application_credential_id;
}

/**
 * ak_cloud_config_get_secret:
 * @self: an #AkCloudConfig
 *
 * Returns: (transfer none) (nullable): the password, or the application
 *   credential's secret, when the file holds it; keep a reference only for
 *   as long as a sign-in needs it
 */
AkSecret *
ak_cloud_config_get_secret (AkCloudConfig *self)
{
  g_return_val_if_fail (AK_IS_CLOUD_CONFIG (self), NULL);

  return self->fields.secret;
}

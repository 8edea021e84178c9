/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ak-key.h"
#include "ak-util-private.h"

/* One access key as the app knows it. It never holds the key's secret: the
 * secret exists only in the reply to a create, in an AkSecret. */
struct _AkKey
{
  GObject     parent_instance;

  /* Identity: the two never change after construction. */
  AkKeyKind   kind;
  char       *id;

  /* What the server said of it. */
  char       *user_id;
  char       *user_name;
  char       *project_id;
  char       *project_name;
  char       *name;
  char       *description;
  GDateTime  *expires_at;

  /* Application credentials only: the roles it carries (names), its access
   * rules (AkAccessRule; NULL when it has none) and whether it may manage
   * other credentials. */
  GStrv       roles;
  GPtrArray  *access_rules;
  guint       unrestricted : 1;

  /* What the server said of its owner, each TRUE only when the server
   * said so: a lookup that failed or was not made leaves them FALSE. */
  guint       owner_disabled : 1;
  guint       owner_lacks_role : 1;

  /* What the app worked out from it (ak-key-flags.h). */
  AkKeyFlags  flags;

  /* What this app is doing with it. */
  guint       deleting : 1;

  /* The texts a search looks in, prepared as ak_key_prepare_search() does;
   * made when first searched, dropped when one of them changes. */
  char       *search_text;
};

G_DEFINE_ENUM_TYPE (AkKeyKind, ak_key_kind,
  G_DEFINE_ENUM_VALUE (AK_KEY_KIND_EC2, "ec2"),
  G_DEFINE_ENUM_VALUE (AK_KEY_KIND_APPLICATION_CREDENTIAL, "application-credential"))

G_DEFINE_FINAL_TYPE (AkKey, ak_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_KIND_LABEL,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_OWNER,
  PROP_PROJECT_ID,
  PROP_PROJECT_NAME,
  PROP_PROJECT,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_EXPIRES_AT,
  PROP_UNRESTRICTED,
  PROP_ROLES,
  PROP_ACCESS_RULES,
  PROP_FLAGS,
  PROP_OWNER_DISABLED,
  PROP_OWNER_LACKS_ROLE,
  PROP_DELETING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ak_key_finalize (GObject *object)
{
  AkKey *self = (AkKey *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->project_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->access_rules, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (ak_key_parent_class)->finalize (object);
}

static void
ak_key_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  AkKey *self = AK_KEY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND_LABEL:
      g_value_set_string (value, ak_key_get_kind_label (self));
      break;

    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    case PROP_OWNER:
      g_value_set_string (value, ak_key_get_owner (self));
      break;

    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;

    case PROP_PROJECT_NAME:
      g_value_set_string (value, self->project_name);
      break;

    case PROP_PROJECT:
      g_value_set_string (value, ak_key_get_project (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;

    case PROP_UNRESTRICTED:
      g_value_set_boolean (value, self->unrestricted);
      break;

    case PROP_ROLES:
      g_value_set_boxed (value, self->roles);
      break;

    case PROP_ACCESS_RULES:
      g_value_set_boxed (value, self->access_rules);
      break;

    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;

    case PROP_OWNER_DISABLED:
      g_value_set_boolean (value, self->owner_disabled);
      break;

    case PROP_OWNER_LACKS_ROLE:
      g_value_set_boolean (value, self->owner_lacks_role);
      break;

    case PROP_DELETING:
      g_value_set_boolean (value, self->deleting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  AkKey *self = AK_KEY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_USER_ID:
      ak_key_set_user_id (self, g_value_get_string (value));
      break;

    case PROP_USER_NAME:
      ak_key_set_user_name (self, g_value_get_string (value));
      break;

    case PROP_PROJECT_ID:
      ak_key_set_project_id (self, g_value_get_string (value));
      break;

    case PROP_PROJECT_NAME:
      ak_key_set_project_name (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      ak_key_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      ak_key_set_description (self, g_value_get_string (value));
      break;

    case PROP_EXPIRES_AT:
      ak_key_set_expires_at (self, g_value_get_boxed (value));
      break;

    case PROP_UNRESTRICTED:
      ak_key_set_unrestricted (self, g_value_get_boolean (value));
      break;

    case PROP_ROLES:
      ak_key_set_roles (self, g_value_get_boxed (value));
      break;

    case PROP_ACCESS_RULES:
      ak_key_set_access_rules (self, g_value_get_boxed (value));
      break;

    case PROP_FLAGS:
      ak_key_set_flags (self, g_value_get_flags (value));
      break;

    case PROP_OWNER_DISABLED:
      ak_key_set_owner_disabled (self, g_value_get_boolean (value));
      break;

    case PROP_OWNER_LACKS_ROLE:
      ak_key_set_owner_lacks_role (self, g_value_get_boolean (value));
      break;

    case PROP_DELETING:
      ak_key_set_deleting (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_class_init (AkKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_key_finalize;
  object_class->get_property = ak_key_get_property;
  object_class->set_property = ak_key_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       AK_TYPE_KEY_KIND, AK_KEY_KIND_EC2,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT_NAME] =
    g_param_spec_string ("project-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UNRESTRICTED] =
    g_param_spec_boolean ("unrestricted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ROLES] =
    g_param_spec_boxed ("roles", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACCESS_RULES] =
    g_param_spec_boxed ("access-rules", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL,
                        AK_TYPE_KEY_FLAGS, AK_KEY_FLAGS_NONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OWNER_DISABLED] =
    g_param_spec_boolean ("owner-disabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OWNER_LACKS_ROLE] =
    g_param_spec_boolean ("owner-lacks-role", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DELETING] =
    g_param_spec_boolean ("deleting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_key_init (AkKey *self)
{
}

AkKey *
ak_key_new (AkKeyKind   kind,
            const char *id)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (AK_TYPE_KEY,
                       "kind", kind,
                       "id", id,
                       NULL);
}

const char *
ak_key_get_id (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->id;
}

AkKeyKind
ak_key_get_kind (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), AK_KEY_KIND_EC2);

  return self->kind;
}

/**
 * ak_key_get_kind_label:
 * @self: an #AkKey
 *
 * Returns: (transfer none): the kind of key in words, translated
 */
const char *
ak_key_get_kind_label (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  switch (self->kind)
    {
    case AK_KEY_KIND_APPLICATION_CREDENTIAL:
      return _("Application credential");
    case AK_KEY_KIND_EC2:
    default:
      return _("Access key");
    }
}

const char *
ak_key_get_user_id (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->user_id;
}

void
ak_key_set_user_id (AkKey      *self,
                    const char *user_id)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->user_id, user_id))
    return;
  g_clear_pointer (&self->search_text, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_ID]);
  if (self->user_name == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER]);
}

const char *
ak_key_get_user_name (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->user_name;
}

void
ak_key_set_user_name (AkKey      *self,
                      const char *user_name)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->user_name, user_name))
    return;
  g_clear_pointer (&self->search_text, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER]);
}

/**
 * ak_key_get_owner:
 * @self: an #AkKey
 *
 * Returns: (nullable): the owner's name where known, else the owner's ID
 */
const char *
ak_key_get_owner (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->user_name != NULL ? self->user_name : self->user_id;
}

const char *
ak_key_get_project_id (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->project_id;
}

void
ak_key_set_project_id (AkKey      *self,
                       const char *project_id)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->project_id, project_id))
    return;
  g_clear_pointer (&self->search_text, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT_ID]);
  if (self->project_name == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT]);
}

const char *
ak_key_get_project_name (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->project_name;
}

void
ak_key_set_project_name (AkKey      *self,
                         const char *project_name)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->project_name, project_name))
    return;
  g_clear_pointer (&self->search_text, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT]);
}

/**
 * ak_key_get_project:
 * @self: an #AkKey
 *
 * Returns: (nullable): the project's name where known, else the project's ID
 */
const char *
ak_key_get_project (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->project_name != NULL ? self->project_name : self->project_id;
}

const char *
ak_key_get_name (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->name;
}

void
ak_key_set_name (AkKey      *self,
                 const char *name)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->name, name))
    return;

  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
ak_key_get_description (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->description;
}

void
ak_key_set_description (AkKey      *self,
                        const char *description)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (!_ak_set_str (&self->description, description))
    return;

  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DESCRIPTION]);
}

/**
 * ak_key_prepare_search:
 * @text: what a person typed to find keys
 *
 * The form of @text that ak_key_matches_search() looks for: its
 * compatibility decomposition, case-folded, as GtkStringFilter prepares a
 * search that ignores case, so that "ÉTÉ" finds "été".
 *
 * Returns: (transfer full): the prepared text
 */
char *
ak_key_prepare_search (const char *text)
{
  g_autofree char *normalized = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  /* IDs, user and project names are mostly ASCII, which decomposes to
   * itself and folds to its lower case: some 20 times quicker than the
   * general case, for the thousands of keys a list prepares. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, -1);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normalized, -1);
}

/**
 * ak_key_matches_search:
 * @self: an #AkKey
 * @prepared: a search, as ak_key_prepare_search() made it
 *
 * Whether @prepared is in the key's ID, owner, project, name or
 * description; never across two of them. The key prepares its texts the
 * first time it is searched and keeps them, so that each keystroke of a
 * search through thousands of keys is one substring search a key.
 *
 * Returns: %TRUE if the key matches
 */
gboolean
ak_key_matches_search (AkKey      *self,
                       const char *prepared)
{
  g_return_val_if_fail (AK_IS_KEY (self), FALSE);
  g_return_val_if_fail (prepared != NULL, FALSE);

  if (self->search_text == NULL)
    {
      const char *owner = ak_key_get_owner (self);
      const char *project = ak_key_get_project (self);
      /* One line per text: a search has no line break in it. */
      g_autofree char *texts = g_strjoin ("\n",
                                          self->id,
                                          owner != NULL ? owner : "",
                                          project != NULL ? project : "",
                                          self->name != NULL ? self->name : "",
                                          self->description != NULL ? self->description : "",
                                          NULL);

      self->search_text = ak_key_prepare_search (texts);
    }

  return strstr (self->search_text, prepared) != NULL;
}

/**
 * ak_key_get_expires_at:
 * @self: an #AkKey
 *
 * Returns: (nullable) (transfer none): when the key stops working, or %NULL
 *   for a key that never expires or a provider that does not say
 */
GDateTime *
ak_key_get_expires_at (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->expires_at;
}

void
ak_key_set_expires_at (AkKey     *self,
                       GDateTime *expires_at)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (self->expires_at == expires_at ||
      (self->expires_at != NULL && expires_at != NULL &&
       g_date_time_equal (self->expires_at, expires_at)))
    return;

  g_clear_pointer (&self->expires_at, g_date_time_unref);
  if (expires_at != NULL)
    self->expires_at = g_date_time_ref (expires_at);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EXPIRES_AT]);
}

/**
 * ak_key_get_unrestricted:
 * @self: an #AkKey
 *
 * Returns: %TRUE for an application credential that may create and delete
 *   other credentials (Keystone's "unrestricted"); %FALSE for EC2 keys
 */
gboolean
ak_key_get_unrestricted (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), FALSE);

  return self->unrestricted;
}

void
ak_key_set_unrestricted (AkKey    *self,
                         gboolean  unrestricted)
{
  g_return_if_fail (AK_IS_KEY (self));

  unrestricted = !!unrestricted;
  if (self->unrestricted == unrestricted)
    return;

  self->unrestricted = unrestricted;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNRESTRICTED]);
}

/**
 * ak_key_get_roles:
 * @self: an #AkKey
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the names of
 *   the roles an application credential carries, or %NULL (EC2 keys, or a
 *   server that did not say)
 */
const char * const *
ak_key_get_roles (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return (const char * const *) self->roles;
}

void
ak_key_set_roles (AkKey              *self,
                  const char * const *roles)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (roles == (const char * const *) self->roles)
    return;

  if (roles != NULL && self->roles != NULL &&
      g_strv_equal (roles, (const char * const *) self->roles))
    return;

  g_strfreev (self->roles);
  self->roles = g_strdupv ((char **) roles);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLES]);
}

/**
 * ak_key_get_access_rules:
 * @self: an #AkKey
 *
 * Returns: (transfer none) (nullable) (element-type AkAccessRule): the access
 *   rules of an application credential, or %NULL when it has none
 */
GPtrArray *
ak_key_get_access_rules (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), NULL);

  return self->access_rules;
}

/**
 * ak_key_set_access_rules:
 * @self: an #AkKey
 * @access_rules: (nullable) (element-type AkAccessRule): the rules; an empty
 *   array is taken as none
 *
 * The key keeps a reference to @access_rules, which must not change after.
 */
void
ak_key_set_access_rules (AkKey     *self,
                         GPtrArray *access_rules)
{
  g_return_if_fail (AK_IS_KEY (self));

  if (access_rules != NULL && access_rules->len == 0)
    access_rules = NULL;

  if (self->access_rules == access_rules)
    return;

  g_clear_pointer (&self->access_rules, g_ptr_array_unref);
  if (access_rules != NULL)
    self->access_rules = g_ptr_array_ref (access_rules);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCESS_RULES]);
}

/**
 * ak_key_get_flags:
 * @self: an #AkKey
 *
 * Returns: what about the key needs attention, as last worked out; see
 *   ak-key-flags.h
 */
AkKeyFlags
ak_key_get_flags (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), AK_KEY_FLAGS_NONE);

  return self->flags;
}

void
ak_key_set_flags (AkKey      *self,
                  AkKeyFlags  flags)
{
  g_return_if_fail (AK_IS_KEY (self));
  g_return_if_fail ((flags & ~AK_KEY_FLAGS_ALL) == 0);

  if (self->flags == flags)
    return;

  self->flags = flags;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FLAGS]);
}

/**
 * ak_key_get_owner_disabled:
 * @self: an #AkKey
 *
 * Returns: %TRUE when the server said the key's owner is disabled; %FALSE
 *   when enabled or not known
 */
gboolean
ak_key_get_owner_disabled (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), FALSE);

  return self->owner_disabled;
}

void
ak_key_set_owner_disabled (AkKey    *self,
                           gboolean  owner_disabled)
{
  g_return_if_fail (AK_IS_KEY (self));

  owner_disabled = !!owner_disabled;
  if (self->owner_disabled == owner_disabled)
    return;

  self->owner_disabled = owner_disabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER_DISABLED]);
}

/**
 * ak_key_get_owner_lacks_role:
 * @self: an #AkKey
 *
 * Returns: %TRUE when the server's role assignments were read and the
 *   key's owner has no role on the key's project (so an EC2 key cannot be
 *   used there); %FALSE when they have one or it is not known
 */
gboolean
ak_key_get_owner_lacks_role (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), FALSE);

  return self->owner_lacks_role;
}

void
ak_key_set_owner_lacks_role (AkKey    *self,
                             gboolean  owner_lacks_role)
{
  g_return_if_fail (AK_IS_KEY (self));

  owner_lacks_role = !!owner_lacks_role;
  if (self->owner_lacks_role == owner_lacks_role)
    return;

  self->owner_lacks_role = owner_lacks_role;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER_LACKS_ROLE]);
}

/**
 * ak_key_get_deleting:
 * @self: an #AkKey
 *
 * Returns: %TRUE while a delete of this key is on its way to the server
 */
gboolean
ak_key_get_deleting (AkKey *self)
{
  g_return_val_if_fail (AK_IS_KEY (self), FALSE);

  return self->deleting;
}

void
ak_key_set_deleting (AkKey    *self,
                     gboolean  deleting)
{
  g_return_if_fail (AK_IS_KEY (self));

  deleting = !!deleting;
  if (self->deleting == deleting)
    return;

  self->deleting = deleting;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DELETING]);
}

/**
 * ak_key_equal:
 * @a: an #AkKey
 * @b: an #AkKey
 *
 * Two keys are the same key when their kind and ID match, whatever else the
 * server said of them at different times.
 *
 * Returns: %TRUE if @a and @b name the same key
 */
gboolean
ak_key_equal (AkKey *a,
              AkKey *b)
{
  g_return_val_if_fail (AK_IS_KEY (a), FALSE);
  g_return_val_if_fail (AK_IS_KEY (b), FALSE);

  return a->kind == b->kind && g_strcmp0 (a->id, b->id) == 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-delete-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-delete-dialog.h"

/* The confirmation before a key is deleted for good. It names the key and
 * its owner, says plainly what deleting means, and makes Cancel both the
 * default and what Escape does. It only asks: the window does the deleting,
 * by the key's identity, when the answer is "delete". */
struct _AkDeleteDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  AkKey            *key;

  gboolean          signs_out;
};

G_DEFINE_FINAL_TYPE (AkDeleteDialog, ak_delete_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SIGNS_OUT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The sentence naming the key: its kind, ID, and name and owner when known.
 * Whole sentences for each case, so that translators can order them. */
static char *
describe_key (AkKey *key)
{
  const char *id = ak_key_get_id (key);
  const char *name = ak_key_get_name (key);
  const char *owner = ak_key_get_owner (key);

  if (name != NULL && *name == '\0')
    name = NULL;
  if (owner != NULL && *owner == '\0')
    owner = NULL;

  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    {
      if (name != NULL && owner != NULL)
        /* Translators: the first %s is an application credential's ID, the
         * second the name someone gave it, the third the user name of its
         * owner. */
        return g_strdup_printf (_("The application credential %s (“%s”), owned by %s, will be "
                                  "deleted."), id, name, owner);
      if (owner != NULL)
        /* Translators: the first %s is an application credential's ID, the
         * second its owner's user name. */
        return g_strdup_printf (_("The application credential %s, owned by %s, will be "
                                  "deleted."), id, owner);
      if (name != NULL)
        /* Translators: the first %s is an application credential's ID, the
         * second its name. */
        return g_strdup_printf (_("The application credential %s (“%s”) will be deleted."),
                                id, name);
      /* Translators: %s is an application credential's ID. */
      return g_strdup_printf (_("The application credential %s will be deleted."), id);
    }

  if (name != NULL && owner != NULL)
    /* Translators: the first %s is a key ID such as AKIA1234, the second the
     * name someone gave the key, the third the user name of its owner. */
    return g_strdup_printf (_("The access key %s (“%s”), owned by %s, will be deleted."),
                            id, name, owner);
  if (owner != NULL)
    /* Translators: the first %s is a key ID, the second its owner's user name. */
    return g_strdup_printf (_("The access key %s, owned by %s, will be deleted."), id, owner);
  if (name != NULL)
    /* Translators: the first %s is a key ID, the second the key's name. */
    return g_strdup_printf (_("The access key %s (“%s”) will be deleted."), id, name);
  /* Translators: %s is a key ID. */
  return g_strdup_printf (_("The access key %s will be deleted."), id);
}

static char *
build_body (AkKey    *key,
            gboolean  signs_out)
{
  g_autofree char *what = describe_key (key);
  GString *body;

  body = g_string_new (what);
  g_string_append (body, "\n\n");
  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    g_string_append (body, _("Once it is deleted, it cannot be recovered, and every program "
                             "that signs in with it will be rejected."));
  else
    g_string_append (body, _("Once it is deleted, it cannot be recovered, and every request "
                             "signed with it will be rejected."));

  if (signs_out)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("This app signs in to the account with this key, so you will "
                               "be signed out as well."));
    }

  return g_string_free (body, FALSE);
}

static void
ak_delete_dialog_constructed (GObject *object)
{
  AkDeleteDialog *self = AK_DELETE_DIALOG (object);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  g_autofree char *body = NULL;

  G_OBJECT_CLASS (ak_delete_dialog_parent_class)->constructed (object);

  g_assert (AK_IS_KEY (self->key));

  body = build_body (self->key, self->signs_out);

  if (ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    adw_message_dialog_set_heading (dialog, _("Delete Application Credential?"));
  else
    adw_message_dialog_set_heading (dialog, _("Delete Access Key?"));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

static void
ak_delete_dialog_dispose (GObject *object)
{
  AkDeleteDialog *self = AK_DELETE_DIALOG (object);

  g_clear_object (&self->key);

  G_OBJECT_CLASS (ak_delete_dialog_parent_class)->dispose (object);
}

static void
ak_delete_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AkDeleteDialog *self = AK_DELETE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;

    case PROP_SIGNS_OUT:
      g_value_set_boolean (value, self->signs_out);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_delete_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AkDeleteDialog *self = AK_DELETE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_object (value);
      break;

    case PROP_SIGNS_OUT:
      self->signs_out = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_delete_dialog_class_init (AkDeleteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ak_delete_dialog_constructed;
  object_class->dispose = ak_delete_dialog_dispose;
  object_class->get_property = ak_delete_dialog_get_property;
  object_class->set_property = ak_delete_dialog_set_property;

  /**
   * AkDeleteDialog:key:
   *
   * The key the dialog asks about. The window deletes by this key's
   * identity, whatever object the list holds for it by then.
   */
  properties [PROP_KEY] =
    g_param_spec_object ("key", NULL, NULL,
                         AK_TYPE_KEY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * AkDeleteDialog:signs-out:
   *
   * Whether the key is the one the app signs in with, so deleting it signs
   * the app out; the dialog then says so.
   */
  properties [PROP_SIGNS_OUT] =
    g_param_spec_boolean ("signs-out", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_delete_dialog_init (AkDeleteDialog *self)
{
}

/**
 * ak_delete_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @key: the key to ask about
 * @signs_out: whether the app signs in with @key
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
AkDeleteDialog *
ak_delete_dialog_new (GtkWindow *parent,
                      AkKey     *key,
                      gboolean   signs_out)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  return g_object_new (AK_TYPE_DELETE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "key", key,
                       "signs-out", signs_out,
                       NULL);
}

/**
 * ak_delete_dialog_get_key:
 * @self: an #AkDeleteDialog
 *
 * Returns: (transfer none): the key the dialog asks about
 */
AkKey *
ak_delete_dialog_get_key (AkDeleteDialog *self)
{
  g_return_val_if_fail (AK_IS_DELETE_DIALOG (self), NULL);

  return self->key;
}

gboolean
ak_delete_dialog_get_signs_out (AkDeleteDialog *self)
{
  g_return_val_if_fail (AK_IS_DELETE_DIALOG (self), FALSE);

  return self->signs_out;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-row-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-key-row-actions.h"

/* The last cell of a key's row: its Delete button, and a spinner while a
 * delete of that key is on its way. The cell owns the key it shows, so its
 * "key.delete" action names the key by identity (kind and ID) when it asks
 * the window to delete it; a row index would go stale when the list
 * re-sorts or refreshes under an open dialog. */
struct _AkKeyRowActions
{
  GtkWidget   parent_instance;

  /* Template children */
  GtkSpinner *spinner;
  GtkButton  *delete_button;

  /* Owned references */
  AkKey      *key;

  gulong      deleting_handler;
};

G_DEFINE_FINAL_TYPE (AkKeyRowActions, ak_key_row_actions, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_deleting (AkKeyRowActions *self)
{
  gboolean deleting = self->key != NULL && ak_key_get_deleting (self->key);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), deleting);
  gtk_spinner_set_spinning (self->spinner, deleting);

  /* Disabling the action makes the button insensitive: a second click while
   * the first delete runs does nothing at all. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key.delete",
                                 self->key != NULL && !deleting);
}

static void
key_deleting_changed_cb (AkKeyRowActions *self,
                         GParamSpec      *pspec,
                         AkKey           *key)
{
  g_assert (AK_IS_KEY_ROW_ACTIONS (self));
  g_assert (self->key == key);

  update_deleting (self);
}

static void
key_delete_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (widget);

  if (self->key == NULL || ak_key_get_deleting (self->key))
    return;

  gtk_widget_activate_action (widget, "win.delete-key", "(us)",
                              (guint32) ak_key_get_kind (self->key),
                              ak_key_get_id (self->key));
}

static void
ak_key_row_actions_dispose (GObject *object)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (object);

  ak_key_row_actions_set_key (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_KEY_ROW_ACTIONS);

  G_OBJECT_CLASS (ak_key_row_actions_parent_class)->dispose (object);
}

static void
ak_key_row_actions_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_row_actions_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_KEY:
      ak_key_row_actions_set_key (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_row_actions_class_init (AkKeyRowActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_key_row_actions_dispose;
  object_class->get_property = ak_key_row_actions_get_property;
  object_class->set_property = ak_key_row_actions_set_property;

  properties [PROP_KEY] =
    g_param_spec_object ("key", NULL, NULL,
                         AK_TYPE_KEY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/accesskeys/AccessKeys/"
                                               "ak-key-row-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, AkKeyRowActions, spinner);
  gtk_widget_class_bind_template_child (widget_class, AkKeyRowActions, delete_button);

  gtk_widget_class_install_action (widget_class, "key.delete", NULL, key_delete_action);
}

static void
ak_key_row_actions_init (AkKeyRowActions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_deleting (self);
}

GtkWidget *
ak_key_row_actions_new (void)
{
  return g_object_new (AK_TYPE_KEY_ROW_ACTIONS, NULL);
}

/**
 * ak_key_row_actions_get_key:
 * @self: an #AkKeyRowActions
 *
 * Returns: (transfer none) (nullable): the key the cell shows
 */
AkKey *
ak_key_row_actions_get_key (AkKeyRowActions *self)
{
  g_return_val_if_fail (AK_IS_KEY_ROW_ACTIONS (self), NULL);

  return self->key;
}

/**
 * ak_key_row_actions_set_key:
 * @self: an #AkKeyRowActions
 * @key: (nullable): the key to show, or %NULL when the row is unbound
 *
 * Called on every bind, so it does as little as it can: one signal handler
 * and one accessible label.
 */
void
ak_key_row_actions_set_key (AkKeyRowActions *self,
                            AkKey           *key)
{
  g_return_if_fail (AK_IS_KEY_ROW_ACTIONS (self));
  g_return_if_fail (!key || AK_IS_KEY (key));

  if (self->key == key)
    return;

  if (self->key != NULL)
    {
      g_clear_signal_handler (&self->deleting_handler, self->key);
      g_clear_object (&self->key);
    }

  if (key != NULL)
    {
      g_autofree char *label = NULL;

      self->key = g_object_ref (key);
      self->deleting_handler =
        g_signal_connect_object (key, "notify::deleting",
                                 G_CALLBACK (key_deleting_changed_cb), self,
                                 G_CONNECT_SWAPPED);

      if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
        /* Translators: the accessible name of a row's Delete button, which a
         * screen reader says; %s is the application credential's ID. */
        label = g_strdup_printf (_("Delete application credential %s"), ak_key_get_id (key));
      else
        /* Translators: the accessible name of a row's Delete button, which a
         * screen reader says; %s is the key ID. */
        label = g_strdup_printf (_("Delete access key %s"), ak_key_get_id (key));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  update_deleting (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEY]);
}

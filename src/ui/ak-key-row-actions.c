/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-row-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ak-confirmation.h"
#include "ak-delete-dialog.h"
#include "ak-key-row-actions.h"
#include "ak-ui-util-private.h"

/* The last cell of a key's row: a neutral menu button with Copy ID, Details
 * and Delete…, and a spinner while a delete of that key is on its way. The
 * same menu is the row's context menu. The cell owns the key it shows, so
 * its "key.*" actions name the key by identity (kind and ID), never by a
 * row index, which would go stale when the list re-sorts or refreshes
 * under an open dialog. */
struct _AkKeyRowActions
{
  GtkWidget      parent_instance;

  /* Children */
  GtkMenuButton *menu_button;
  /* Made the first time the row's key is being deleted */
  GtkWidget     *spinner;

  /* Owned references */
  AkKey         *key;
  /* The context menu, a child of the cell, made the first time it is
   * wanted: most rows never show one. */
  GtkWidget     *context_menu;
  /* The identity of the last key shown, kept while the row is unbound */
  char          *shown_id;
  AkKeyKind      shown_kind;

  gulong         deleting_handler;
};

G_DEFINE_FINAL_TYPE (AkKeyRowActions, ak_key_row_actions, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The menu of every row's button and context menu, made the first time
 * one opens: the same for every key, since its actions are the cell's. */
static GMenuModel *
key_menu (void)
{
  static GMenuModel *menu = NULL;

  if (menu == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/accesskeys/AccessKeys/ak-key-row-actions.ui");

      menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "menu")));
    }

  return menu;
}

static void
update_actions (AkKeyRowActions *self)
{
  gboolean deleting = self->key != NULL && ak_key_get_deleting (self->key);

  if (deleting && self->spinner == NULL)
    {
      self->spinner = gtk_spinner_new ();
      gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (self->spinner, _("Deleting…"));
      gtk_widget_insert_before (self->spinner, GTK_WIDGET (self),
                                GTK_WIDGET (self->menu_button));
    }
  if (self->spinner != NULL)
    {
      gtk_widget_set_visible (self->spinner, deleting);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), deleting);
    }

  /* Disabling the action makes Delete… insensitive in both menus: asking
   * again while the first delete runs does nothing at all. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key.delete",
                                 self->key != NULL && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key.replace",
                                 self->key != NULL && !deleting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key.copy-id", self->key != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key.details", self->key != NULL);
}

static void
key_deleting_changed_cb (AkKeyRowActions *self,
                         GParamSpec      *pspec,
                         AkKey           *key)
{
  g_assert (AK_IS_KEY_ROW_ACTIONS (self));
  g_assert (self->key == key);

  update_actions (self);
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
key_replace_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (widget);

  if (self->key == NULL || ak_key_get_deleting (self->key))
    return;

  gtk_widget_activate_action (widget, "win.replace-key", "(us)",
                              (guint32) ak_key_get_kind (self->key),
                              ak_key_get_id (self->key));
}

static void
key_copy_id_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (widget);
  GtkWidget *overlay;
  const char *text;

  if (self->key == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), ak_key_get_id (self->key));

  if (ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    /* Translators: a short message after Copy ID in an application
     * credential's menu. */
    text = _("Credential ID copied");
  else
    /* Translators: a short message after Copy ID in an access key's menu. */
    text = _("Access key ID copied");

  /* The window's toasts, where there are any. */
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

static void
details_closed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree char *response = NULL;

  /* Nothing to do: Close is the only answer. */
  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
}

static void
key_details_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (widget);
  g_autoptr(AkConfirmation) details = NULL;
  const char *heading;

  if (self->key == NULL)
    return;

  /* In a window, the details pane, with what the server's lookups add;
   * a list on its own shows what it has in a dialog. */
  if (gtk_widget_activate_action (widget, "win.show-key-details", "(us)",
                                  (guint32) ak_key_get_kind (self->key),
                                  ak_key_get_id (self->key)))
    return;

  if (ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    heading = _("Application Credential Details");
  else
    heading = _("Access Key Details");

  details = ak_confirmation_new (heading, NULL);
  ak_confirmation_add_response (details, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_set_default_response (details, "close");
  ak_confirmation_set_close_response (details, "close");
  ak_confirmation_set_extra_child (details, ak_delete_dialog_new_details (self->key));
  ak_confirmation_choose_async (details, widget, NULL, details_closed_cb, NULL);
}

static void
ak_key_row_actions_dispose (GObject *object)
{
  AkKeyRowActions *self = AK_KEY_ROW_ACTIONS (object);

  ak_key_row_actions_set_key (self, NULL);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->spinner, gtk_widget_unparent);
  if (self->menu_button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu_button));
      self->menu_button = NULL;
    }

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

  /* No template: a long list makes dozens of these cells before its first
   * frame, and a cell made in code takes a fraction of the time. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  gtk_widget_class_install_action (widget_class, "key.copy-id", NULL, key_copy_id_action);
  gtk_widget_class_install_action (widget_class, "key.details", NULL, key_details_action);
  gtk_widget_class_install_action (widget_class, "key.delete", NULL, key_delete_action);
  gtk_widget_class_install_action (widget_class, "key.replace", NULL, key_replace_action);
}

/* The button's menu, built the first time it opens: a menu is dozens of
 * widgets, and a long list builds a cell for every row it shows and a few
 * more, of which almost none ever opens its menu. */
static void
create_menu_cb (GtkMenuButton *menu_button,
                gpointer       user_data)
{
  if (gtk_menu_button_get_popover (menu_button) == NULL)
    gtk_menu_button_set_menu_model (menu_button, key_menu ());
}

static void
ak_key_row_actions_init (AkKeyRowActions *self)
{
  GtkWidget *button;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_set_parent (GTK_WIDGET (self->menu_button), GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_cb, NULL, NULL);

  /* The row is the focus stop, not its button: the arrows move between
   * rows, and the Menu key or Shift+F10 opens this menu. Only the menu
   * button's own button gives up the focus, so that its menu still takes
   * it and gives it back to the row when it closes. */
  button = gtk_widget_get_first_child (GTK_WIDGET (self->menu_button));
  if (GTK_IS_BUTTON (button))
    {
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
    }
  update_actions (self);
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
 * Called on every bind, so it does as little as it can: one signal handler,
 * one tooltip and one accessible label.
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
      const char *name = ak_key_get_name (key);
      g_autofree char *label = NULL;

      self->key = g_object_ref (key);
      self->deleting_handler =
        g_signal_connect_object (key, "notify::deleting",
                                 G_CALLBACK (key_deleting_changed_cb), self,
                                 G_CONNECT_SWAPPED);

      /* People know a key by its name ("ci-deploy") before its ID. */
      if (name != NULL && *name != '\0')
        /* Translators: the tooltip and accessible name of a key's menu
         * button, which a screen reader says; %s is the key's name. */
        label = g_strdup_printf (_("Actions for %s"), name);
      else if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
        /* Translators: the tooltip and accessible name of a key's menu
         * button; %s is the application credential's ID. */
        label = g_strdup_printf (_("Actions for application credential %s"),
                                 ak_key_get_id (key));
      else
        /* Translators: the tooltip and accessible name of a key's menu
         * button; %s is the access key's ID. */
        label = g_strdup_printf (_("Actions for access key %s"), ak_key_get_id (key));

      _ak_cell_set_tooltip (GTK_WIDGET (self->menu_button), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  /* An open menu belongs to the key it was opened for. GTK 4.8 binds a row
   * again whenever the selection changes, to the same key: only another
   * key closes it. */
  if (key != NULL)
    {
      if (self->shown_id != NULL &&
          (self->shown_kind != ak_key_get_kind (key) ||
           g_strcmp0 (self->shown_id, ak_key_get_id (key)) != 0))
        {
          if (self->context_menu != NULL)
            gtk_popover_popdown (GTK_POPOVER (self->context_menu));
          gtk_menu_button_popdown (self->menu_button);
        }

      g_free (self->shown_id);
      self->shown_id = g_strdup (ak_key_get_id (key));
      self->shown_kind = ak_key_get_kind (key);
    }

  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEY]);
}

/**
 * ak_key_row_actions_popup_menu:
 * @self: an #AkKeyRowActions
 * @point: (nullable): where to point, in @self's coordinates; %NULL to
 *   open the menu at the cell's own button
 *
 * Shows the key's menu: at @point for a right-click, at the button for the
 * Menu key and Shift+F10.
 */
void
ak_key_row_actions_popup_menu (AkKeyRowActions        *self,
                               const graphene_point_t *point)
{
  g_return_if_fail (AK_IS_KEY_ROW_ACTIONS (self));

  if (self->key == NULL)
    return;

  if (point == NULL)
    {
      gtk_menu_button_popup (self->menu_button);
      return;
    }

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (key_menu ());
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point->x, (int) point->y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/**
 * ak_key_row_actions_get_menu:
 * @self: an #AkKeyRowActions
 *
 * Returns: (transfer none) (nullable): the key's menu that is open, the
 *   button's or the context menu, if any
 */
GtkPopover *
ak_key_row_actions_get_menu (AkKeyRowActions *self)
{
  GtkPopover *popover;

  g_return_val_if_fail (AK_IS_KEY_ROW_ACTIONS (self), NULL);

  popover = gtk_menu_button_get_popover (self->menu_button);
  if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)))
    return popover;
  if (self->context_menu != NULL && gtk_widget_get_visible (self->context_menu))
    return GTK_POPOVER (self->context_menu);

  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-window-private.h"

/* The details pane beside the key list (AkKeyDetailsPane): it follows the
 * selected row, which follows the focus, and is toggled by win.show-details
 * (the header bar's Show Details button, F9, Alt+Enter). A narrow window
 * has no room beside the list, so there the pane takes the list's place,
 * a page of its own with a Back button; on every libadwaita version the
 * same two widgets do it, so no split view of 1.4 or later is needed. A
 * key's menu has Details too (win.show-key-details), which opens the pane
 * on that key. */

static void
follow_selection_cb (AkWindow *self)
{
  AkKey *key = ak_key_list_get_selected_key (self->key_list);

  /* The lookup for a key nobody looks at is not worth its requests. */
  if (!self->details_shown)
    key = NULL;

  ak_key_details_pane_set_key (self->details_pane, key);
}

/**
 * _ak_window_update_details:
 * @self: an #AkWindow
 *
 * Lays the pane out for the window's width and whether it is shown.
 */
void
_ak_window_update_details (AkWindow *self)
{
  gboolean page = self->narrow && self->details_shown;

  ak_key_details_pane_set_narrow (self->details_pane, self->narrow);
  gtk_revealer_set_transition_type (self->details_revealer,
                                    self->narrow ? GTK_REVEALER_TRANSITION_TYPE_NONE
                                                 : GTK_REVEALER_TRANSITION_TYPE_SLIDE_LEFT);
  gtk_widget_set_visible (GTK_WIDGET (self->key_list), !page);
  /* Beside the list the pane keeps its width; as a page it takes all. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->details_revealer), page);
  /* Hidden, the pane asks for no width, so a window can still be narrow. */
  gtk_widget_set_visible (GTK_WIDGET (self->details_revealer), self->details_shown);
  gtk_revealer_set_reveal_child (self->details_revealer, self->details_shown);
  /* A narrow header bar has no room for the button: the key's menu has
   * Details, and F9 works everywhere. */
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), !self->narrow);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_button),
                               self->details_shown ? _("Hide Details") : _("Show Details"));
  follow_selection_cb (self);
}

static void
set_shown (AkWindow *self,
           gboolean  shown)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-details");
  gboolean had_focus;

  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->details_revealer)) != NULL;
  self->details_shown = shown;
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
  _ak_window_update_details (self);

  /* Closed from inside, the focus goes back to the list rather than to
   * nowhere; opened as a page in place of the list, it moves into the page. */
  if (!shown && had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->key_list));
  else if (shown && self->narrow)
    gtk_widget_child_focus (GTK_WIDGET (self->details_pane), GTK_DIR_TAB_FORWARD);
}

static void
show_details_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  set_shown (AK_WINDOW (user_data), g_variant_get_boolean (state));
}

static void
show_key_details_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  guint32 kind;
  const char *id;
  AkKey *key;

  g_variant_get (parameter, "(u&s)", &kind, &id);
  key = ak_account_session_find_key (self->session, (AkKeyKind) kind, id);
  if (key == NULL)
    return;

  set_shown (self, TRUE);
  ak_key_details_pane_set_key (self->details_pane, key);
}

static const GActionEntry details_entries[] = {
  { "show-details", NULL, NULL, "false", show_details_change_state },
  { "show-key-details", show_key_details_action, "(us)" },
};

void
_ak_window_add_details_actions (AkWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), details_entries,
                                   G_N_ELEMENTS (details_entries), self);
  g_signal_connect_object (self->key_list, "notify::selected-key",
                           G_CALLBACK (follow_selection_cb), self, G_CONNECT_SWAPPED);
  _ak_window_update_details (self);
}

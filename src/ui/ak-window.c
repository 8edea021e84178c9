/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

/* A narrow window is told by an AdwBreakpoint (libadwaita 1.4) where the
 * stack has one: this file may use 1.4's API, each use behind
 * ADW_CHECK_VERSION (1, 4, 0). */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 4, 0)

#include <glib/gi18n.h>

#include "ak-error.h"
#include "ak-session-watch.h"
#include "ak-window-private.h"

/* The main window: a view of one AkAccountSession. Its page follows the
 * session's state (bound, never read back from the stack), its actions'
 * sensitivity follows the session's properties and its toasts the session's
 * results. It builds no provider and keeps no keys of its own. Switching
 * account or closing the window closes the session, which cancels its reads;
 * a delete already sent still finishes, keeps the application alive, and is
 * reported by notification (ak-session-watch.c). The actions and the delete
 * flow live in ak-window-actions.c.
 *
 * At NARROW_WIDTH and below the window is narrow: the key list shows one
 * column per key beside its menu, and the scope switch, for which the
 * header bar has no room, moves into the main menu. */

G_DEFINE_FINAL_TYPE (AkWindow, ak_window, ADW_TYPE_APPLICATION_WINDOW)

#define SETTINGS_SCHEMA_ID "io.github.accesskeys.AccessKeys"

/* The widest window, in sp (px at the default text size), that is narrow:
 * the table needs some 830 px in English before its last column, the
 * rows' menus, scrolls out of sight (the IDs alone take 32 characters). */
#define NARROW_WIDTH 860

/* Returns: (transfer none) (nullable): the application's saved accounts */
AkAccountStore *
_ak_window_get_account_store (AkWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (!AK_IS_APPLICATION (application))
    return NULL;

  return ak_application_get_account_store (AK_APPLICATION (application));
}

/* Shows @toast (its title is markup). The title is a label of our own that
 * wraps, even inside a key ID, so that a long sentence is read whole rather
 * than cut off, and a long ID cannot push the toast off the window. */
void
_ak_window_show_toast (AkWindow *self,
                       AdwToast *toast)
{
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (title), adw_toast_get_title (toast));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  adw_toast_set_custom_title (toast, title);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The stack page for each state of the session. */
static gboolean
state_to_page_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  switch ((AkAccountSessionState) g_value_get_enum (from))
    {
    case AK_ACCOUNT_SESSION_STATE_SIGNING_IN:
    case AK_ACCOUNT_SESSION_STATE_LOADING:
      g_value_set_static_string (to, "loading");
      break;
    case AK_ACCOUNT_SESSION_STATE_KEYS:
      g_value_set_static_string (to, "keys");
      break;
    case AK_ACCOUNT_SESSION_STATE_EMPTY:
      g_value_set_static_string (to, "empty");
      break;
    case AK_ACCOUNT_SESSION_STATE_ERROR:
      g_value_set_static_string (to, "error");
      break;
    case AK_ACCOUNT_SESSION_STATE_SIGNED_OUT:
      g_value_set_static_string (to, "signed-out");
      break;
    case AK_ACCOUNT_SESSION_STATE_NO_ACCOUNT:
    default:
      g_value_set_static_string (to, "no-account");
      break;
    }

  return TRUE;
}

static void
update_scope_switcher (AkWindow *self)
{
  AkAccountSessionState state = ak_account_session_get_state (self->session);
  gboolean show_scope;

  /* "My Keys / All Users" only where the account may see other users' keys. */
  show_scope = ak_account_session_get_signed_in (self->session) &&
               ak_account_session_has_feature (self->session, AK_PROVIDER_FEATURE_ALL_USERS) &&
               (state == AK_ACCOUNT_SESSION_STATE_KEYS ||
                state == AK_ACCOUNT_SESSION_STATE_EMPTY ||
                state == AK_ACCOUNT_SESSION_STATE_LOADING);
  gtk_stack_set_visible_child_name (self->title_stack, show_scope ? "scope" : "title");

  /* A narrow header bar gives the title's room to the account's name,
   * which says more; the window's title is still the application's. */
  gtk_widget_set_visible (GTK_WIDGET (self->title_stack), !self->narrow);

  /* The same choice, in the main menu, where the header bar has no room
   * for it: a section of its own at the top. */
  if (self->narrow && show_scope && !self->scope_in_menu)
    g_menu_prepend_section (self->primary_menu, NULL, self->scope_menu);
  else if (!(self->narrow && show_scope) && self->scope_in_menu)
    g_menu_remove (self->primary_menu, 0);
  self->scope_in_menu = self->narrow && show_scope;
}

/* The one way in or out of the narrow layout, whether the breakpoint or
 * the window's width says so. */
static void
set_narrow (AkWindow *self,
            gboolean  narrow)
{
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  ak_key_list_set_narrow (self->key_list, narrow);
  _ak_window_update_details (self);

  /* The size restored at start comes before the first session, which
   * sets the header bar up itself. */
  if (self->session != NULL)
    update_scope_switcher (self);
}

#if ADW_CHECK_VERSION (1, 4, 0)
static void
breakpoint_apply_cb (AkWindow      *self,
                     AdwBreakpoint *breakpoint)
{
  set_narrow (self, TRUE);
}

static void
breakpoint_unapply_cb (AkWindow      *self,
                       AdwBreakpoint *breakpoint)
{
  set_narrow (self, FALSE);
}
#else
/* NARROW_WIDTH in px: sp follow the text size, as the breakpoint's do. */
static int
narrow_width_px (AkWindow *self)
{
  int dpi = 0;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);

  return dpi > 0 ? (int) (NARROW_WIDTH * (dpi / 1024.0) / 96.0) : NARROW_WIDTH;
}

static gboolean
is_narrow (AkWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  /* The content's width, without the edges a window with client-side
   * decorations has around it. */
  return content != NULL && gtk_widget_get_width (content) <= narrow_width_px (self);
}

static gboolean
update_narrow_cb (gpointer user_data)
{
  AkWindow *self = AK_WINDOW (user_data);

  self->narrow_source = 0;
  set_narrow (self, is_narrow (self));

  return G_SOURCE_REMOVE;
}

/* libadwaita 1.2 has no breakpoints: the window follows the width it is
 * given (resized, maximized, tiled alike). The layout changes after this
 * frame, not during it: widgets shown or hidden while GTK allocates would
 * be drawn before they have a size of their own. */
static void
ak_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  AkWindow *self = AK_WINDOW (widget);

  GTK_WIDGET_CLASS (ak_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (is_narrow (self) != self->narrow && self->narrow_source == 0)
    self->narrow_source = g_idle_add (update_narrow_cb, self);
}

/* A narrow width asked for (the one restored at start, a resize) makes the
 * window narrow before GTK lays it out: the wide header bar needs more
 * room, and GTK would not make the window narrower than that. */
static void
default_width_changed_cb (AkWindow   *self,
                          GParamSpec *pspec,
                          gpointer    user_data)
{
  int width, height;

  /* GTK 4.8 wants both. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && width <= narrow_width_px (self) &&
      !gtk_window_is_maximized (GTK_WINDOW (self)) &&
      !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    set_narrow (self, TRUE);
}
#endif

static void
update_error_page (AkWindow *self)
{
  const GError *error = ak_account_session_get_error (self->session);
  gboolean signed_in = ak_account_session_get_signed_in (self->session);
  const char *icon_name = "dialog-warning-symbolic";
  g_autofree char *escaped = NULL;
  const char *detail = NULL;
  const char *title;

  if (error == NULL)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      icon_name = "dialog-information-symbolic";
      title = signed_in ? _("Loading Cancelled") : _("Sign-In Cancelled");
    }
  else
    {
      if (g_error_matches (error, AK_ERROR, AK_ERROR_NETWORK) ||
          g_error_matches (error, AK_ERROR, AK_ERROR_TIMEOUT) ||
          g_error_matches (error, AK_ERROR, AK_ERROR_TLS))
        icon_name = "network-error-symbolic";
      if (error->domain == AK_ERROR)
        detail = ak_error_get_detail (error);
      title = signed_in ? _("Could Not Load Access Keys") : _("Could Not Sign In");
    }

  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_label_set_text (self->error_detail_label, detail != NULL ? detail : "");
  gtk_expander_set_expanded (self->error_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_expander), detail != NULL && *detail != '\0');
}

static void
update_signed_out_page (AkWindow *self)
{
  const GError *error = ak_account_session_get_error (self->session);
  g_autofree char *escaped = NULL;

  if (error == NULL)
    return;

  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->signed_out_page, escaped);
}

/* Returns: (transfer full): one line of the details of @entry: where it was
 * in the answer (counted from 1, as a person counts) and why it was left out */
static char *
describe_unreadable (AkUnreadableEntry *entry)
{
  guint position = ak_unreadable_entry_get_position (entry) + 1;
  const char *reason = ak_unreadable_entry_get_reason (entry);
  const char *owner = ak_unreadable_entry_get_user_name (entry);

  if (owner == NULL)
    owner = ak_unreadable_entry_get_user_id (entry);

  if (owner != NULL)
    /* Translators: one entry of the server's list of keys that could not be
     * shown. %u is its place in the list (1 for the first; not a count),
     * %s the user whose list it was, and the last %s why, such as “The answer’s
     * “credentials[2].access” is not valid.” */
    return g_strdup_printf (_("Entry %u in the keys of %s: %s"), position, owner, reason);

  /* Translators: one entry of the server's list of keys that could not be
   * shown. %u is its place in the list (1 for the first; not a count), %s
   * why, such as “The answer’s “credentials[2].access” is not valid.” */
  return g_strdup_printf (_("Entry %u: %s"), position, reason);
}

/* The line saying that the list is short of the entries the app could not
 * read safely, with where and why behind Details. It shows on the keys page
 * and on the empty page alike: a list of only such entries is not "no
 * keys". */
static void
update_unreadable (AkWindow *self)
{
  GListModel *unreadable = ak_account_session_get_unreadable (self->session);
  AkAccountSessionState state = ak_account_session_get_state (self->session);
  guint n = g_list_model_get_n_items (unreadable);
  gboolean shown = n > 0 && (state == AK_ACCOUNT_SESSION_STATE_KEYS ||
                             state == AK_ACCOUNT_SESSION_STATE_EMPTY);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *line = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkUnreadableEntry) entry = g_list_model_get_item (unreadable, i);
      g_autofree char *text = describe_unreadable (entry);

      if (i > 0)
        g_string_append_c (details, '\n');
      g_string_append (details, text);
    }

  /* Translators: %u is how many entries of the server's list of keys were
   * left out, since showing them could mislead (an ID with hidden
   * characters, a missing owner, …). */
  line = g_strdup_printf (ngettext ("%u key could not be shown safely",
                                    "%u keys could not be shown safely", n), n);
  gtk_label_set_text (self->unreadable_label, line);
  gtk_label_set_text (self->unreadable_detail_label, details->str);
  if (!shown)
    gtk_expander_set_expanded (self->unreadable_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->unreadable_bar), shown);

  if (n > 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Other Access Keys"));
      adw_status_page_set_description (self->empty_page,
                                       _("The server listed only keys that could not be "
                                         "shown safely. Their details are above."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Access Keys"));
      adw_status_page_set_description (self->empty_page,
                                       _("This account has no access keys yet. Create one "
                                         "when a program needs to work with your cloud."));
    }
}

static void
unreadable_changed_cb (AkWindow   *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  update_unreadable (self);
}

/* Everything on screen that follows the session's state. The page itself
 * is bound (see set_session()). */
static void
state_changed_cb (AkWindow         *self,
                  GParamSpec       *pspec,
                  AkAccountSession *session)
{
  AkAccountSessionState state = ak_account_session_get_state (self->session);

  gtk_spinner_set_spinning (self->loading_spinner,
                            state == AK_ACCOUNT_SESSION_STATE_SIGNING_IN ||
                            state == AK_ACCOUNT_SESSION_STATE_LOADING);
  adw_status_page_set_title (self->loading_page,
                             state == AK_ACCOUNT_SESSION_STATE_SIGNING_IN
                               ? _("Signing In…") : _("Loading Access Keys…"));

  if (state == AK_ACCOUNT_SESSION_STATE_ERROR)
    update_error_page (self);
  else if (state == AK_ACCOUNT_SESSION_STATE_SIGNED_OUT)
    update_signed_out_page (self);

  if (state != AK_ACCOUNT_SESSION_STATE_KEYS)
    {
      ak_key_list_set_search_mode_enabled (self->key_list, FALSE);
      ak_key_list_set_selection_mode (self->key_list, FALSE);
    }

  update_unreadable (self);
  update_scope_switcher (self);
  _ak_window_update_actions (self);
}

static void
refreshing_changed_cb (AkWindow         *self,
                       GParamSpec       *pspec,
                       AkAccountSession *session)
{
  gboolean refreshing = ak_account_session_get_refreshing (self->session);

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  _ak_window_update_actions (self);
}

static void
features_changed_cb (AkWindow         *self,
                     GParamSpec       *pspec,
                     AkAccountSession *session)
{
  ak_key_list_set_show_expiry (self->key_list,
                               ak_account_session_has_feature (self->session,
                                                               AK_PROVIDER_FEATURE_EXPIRY));
  update_scope_switcher (self);
  /* Whether keys may be created at all. */
  _ak_window_update_actions (self);
}

static void
key_result_cb (AkWindow         *self,
               AkKeyResult      *result,
               AkAccountSession *session)
{
  /* A batch's keys are told of together, when the batch ends. */
  if (!_ak_window_in_batch (self, ak_key_result_get_key (result)))
    _ak_window_show_key_result (self, result);
}

/* A refresh failed with the keys in sight: they stay; say why. */
static void
refresh_failed_cb (AkWindow         *self,
                   const GError     *error,
                   AkAccountSession *session)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_action_name (toast, "win.refresh");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _ak_window_show_toast (self, toast);
}

static AkKeyScope
settings_scope (AkWindow *self)
{
  g_autofree char *scope = g_settings_get_string (self->settings, "key-scope");

  return g_strcmp0 (scope, "all-users") == 0 ? AK_KEY_SCOPE_ALL_USERS : AK_KEY_SCOPE_MINE;
}

/* Shows @session in place of the one shown so far, which is closed: its
 * reads stop, its changes in flight finish and are reported without us. */
static void
set_session (AkWindow         *self,
             AkAccountSession *session)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->session != NULL)
    {
      g_clear_pointer (&self->page_binding, g_binding_unbind);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (ak_account_session_get_unreadable (self->session),
                                            self);
      g_settings_unbind (self->session, "expires-soon-days");
      ak_account_session_close (self->session);
      g_clear_object (&self->session);
    }
  g_hash_table_remove_all (self->key_toasts);
  g_hash_table_remove_all (self->batch_keys);
  ak_key_list_set_selection_mode (self->key_list, FALSE);

  self->session = g_object_ref (session);
  if (application != NULL)
    _ak_session_watch (G_APPLICATION (application), session);

  ak_account_session_set_scope (session, settings_scope (self));
  /* The flags follow Preferences' number of days. */
  g_settings_bind (self->settings, "expires-soon-days", session, "expires-soon-days",
                   G_SETTINGS_BIND_GET);
  ak_key_list_set_model (self->key_list, ak_account_session_get_keys (session));
  ak_key_details_pane_set_session (self->details_pane, session);
  ak_insecure_banner_set_account (self->insecure_banner, ak_account_session_get_account (session));
  ak_load_progress_set_session (self->load_progress, session);

  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::error",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::signed-in",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::refreshing",
                           G_CALLBACK (refreshing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::loading-users",
                           G_CALLBACK (refreshing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::features",
                           G_CALLBACK (features_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "key-result",
                           G_CALLBACK (key_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "refresh-failed",
                           G_CALLBACK (refresh_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ak_account_session_get_unreadable (session), "items-changed",
                           G_CALLBACK (unreadable_changed_cb), self, G_CONNECT_SWAPPED);

  self->page_binding = g_object_bind_property_full (session, "state",
                                                    self->stack, "visible-child-name",
                                                    G_BINDING_SYNC_CREATE,
                                                    state_to_page_cb, NULL, NULL, NULL);

  refreshing_changed_cb (self, NULL, session);
  features_changed_cb (self, NULL, session);
  state_changed_cb (self, NULL, session);
}

static void
key_scope_changed_cb (AkWindow   *self,
                      const char *key,
                      GSettings  *settings)
{
  _ak_window_sync_key_scope (self);
  ak_account_session_set_scope (self->session, settings_scope (self));
}

static void
save_window_state (AkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A maximized window keeps the size it had before, for unmaximizing. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static void
restore_window_state (AkWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
ak_window_close_request (GtkWindow *window)
{
  save_window_state (AK_WINDOW (window));

  return GTK_WINDOW_CLASS (ak_window_parent_class)->close_request (window);
}

static void
ak_window_dispose (GObject *object)
{
  AkWindow *self = AK_WINDOW (object);

  /* The question goes with the window, answered as Cancel would be. */
  if (self->delete_dialog != NULL)
    ak_confirmation_close (self->delete_dialog);
  g_clear_weak_pointer (&self->delete_dialog);
  if (self->account_dialog != NULL)
    gtk_window_destroy (self->account_dialog);
  g_clear_weak_pointer (&self->account_dialog);
  if (self->deleted_dialog != NULL)
    gtk_window_destroy (self->deleted_dialog);
  g_clear_weak_pointer (&self->deleted_dialog);
  if (self->history_window != NULL)
    gtk_window_destroy (self->history_window);
  g_clear_weak_pointer (&self->history_window);

  /* Nothing the session reads for this window may finish into it; its
   * changes in flight go on without it. */
  if (self->session != NULL)
    {
      g_clear_pointer (&self->page_binding, g_binding_unbind);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (ak_account_session_get_unreadable (self->session),
                                            self);
      ak_account_session_close (self->session);
      g_clear_object (&self->session);
    }

  g_clear_handle_id (&self->narrow_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->key_toasts, g_hash_table_unref);
  g_clear_pointer (&self->batch_keys, g_hash_table_unref);

  G_OBJECT_CLASS (ak_window_parent_class)->dispose (object);
}

static void
ak_window_class_init (AkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ak_window_dispose;
#if !ADW_CHECK_VERSION (1, 4, 0)
  widget_class->size_allocate = ak_window_size_allocate;
#endif
  window_class->close_request = ak_window_close_request;

  g_type_ensure (AK_TYPE_ACCOUNT_MENU);
  g_type_ensure (AK_TYPE_INSECURE_BANNER);
  g_type_ensure (AK_TYPE_KEY_DETAILS_PANE);
  g_type_ensure (AK_TYPE_LOAD_PROGRESS);
  g_type_ensure (AK_TYPE_KEY_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ak-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, account_menu_slot);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, account_menu);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, select_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, delete_chosen_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, empty_create_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, insecure_banner);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, unreadable_bar);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, unreadable_label);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, unreadable_expander);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, unreadable_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, key_list);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_expander);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, signed_out_page);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AkWindow, scope_menu);
}

/* The account menu lists the application's saved accounts. */
static void
application_changed_cb (AkWindow   *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  ak_account_menu_set_store (self->account_menu, _ak_window_get_account_store (self));
  if (application != NULL && self->session != NULL)
    _ak_session_watch (G_APPLICATION (application), self->session);
}

/* The account shown was removed from the menu: show another, or none. */
static void
account_removed_cb (AkWindow      *self,
                    AkAccount     *account,
                    AkAccountMenu *menu)
{
  AkAccountStore *store = _ak_window_get_account_store (self);
  AkAccount *shown = ak_account_session_get_account (self->session);
  g_autoptr(AkAccount) next = NULL;

  if (shown == NULL ||
      g_strcmp0 (ak_account_get_id (account), ak_account_get_id (shown)) != 0)
    return;

  if (store != NULL && g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    next = g_list_model_get_item (G_LIST_MODEL (store), 0);

  ak_window_set_account (self, next, NULL);
}

static void
ak_window_init (AkWindow *self)
{
  g_autoptr(AkAccountSession) none = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_signal_connect_object (self->account_menu, "account-removed",
                           G_CALLBACK (account_removed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  /* The Filter menu's choices are remembered from one window to the next. */
  ak_key_filter_bind_settings (ak_key_list_get_filter (self->key_list), self->settings);
  self->key_toasts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 g_object_unref);
  self->batch_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_object_bind_property (self->search_button, "active",
                          self->key_list, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

#if ADW_CHECK_VERSION (1, 4, 0)
  {
    AdwBreakpoint *breakpoint;

    breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (
                                       "max-width: " G_STRINGIFY (NARROW_WIDTH) "sp"));
    g_signal_connect_object (breakpoint, "apply",
                             G_CALLBACK (breakpoint_apply_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (breakpoint, "unapply",
                             G_CALLBACK (breakpoint_unapply_cb), self, G_CONNECT_SWAPPED);
    adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), breakpoint);
  }
#endif

  g_signal_connect_object (self->settings, "changed::key-scope",
                           G_CALLBACK (key_scope_changed_cb), self, G_CONNECT_SWAPPED);

#if !ADW_CHECK_VERSION (1, 4, 0)
  g_signal_connect (self, "notify::default-width", G_CALLBACK (default_width_changed_cb), NULL);
#endif

  _ak_window_add_actions (self);
  _ak_window_add_selection_actions (self);
  _ak_window_add_details_actions (self);
  restore_window_state (self);

  none = ak_account_session_new (NULL, NULL);
  set_session (self, none);
}

/**
 * ak_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window on the "no account" page
 */
AkWindow *
ak_window_new (AkApplication *application)
{
  g_return_val_if_fail (AK_IS_APPLICATION (application), NULL);

  return g_object_new (AK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * ak_window_get_session:
 * @self: an #AkWindow
 *
 * Returns: (transfer none): the session the window shows
 */
AkAccountSession *
ak_window_get_session (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * ak_window_get_account:
 * @self: an #AkWindow
 *
 * Returns: (transfer none) (nullable): the account the window shows
 */
AkAccount *
ak_window_get_account (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return ak_account_session_get_account (self->session);
}

/**
 * ak_window_get_provider:
 * @self: an #AkWindow
 *
 * Returns: (transfer none) (nullable): the provider of the session shown
 */
AkProvider *
ak_window_get_provider (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return ak_account_session_get_provider (self->session);
}

/**
 * ak_window_set_account:
 * @self: an #AkWindow
 * @account: (nullable): the account to show, or %NULL for none
 * @provider: (nullable): a provider already signed in to @account, or %NULL
 *   to sign in with the secret the keyring holds for it
 *
 * Shows @account's keys in a new session. The session shown before is
 * closed: its reads are cancelled, while a delete it sent still finishes
 * and is reported.
 */
void
ak_window_set_account (AkWindow   *self,
                       AkAccount  *account,
                       AkProvider *provider)
{
  g_autoptr(AkAccountSession) session = NULL;

  g_return_if_fail (AK_IS_WINDOW (self));
  g_return_if_fail (!account || AK_IS_ACCOUNT (account));
  g_return_if_fail (!provider || AK_IS_PROVIDER (provider));
  g_return_if_fail (account != NULL || provider == NULL);

  /* Dialogs about the old account's keys must not outlive the switch. */
  if (self->delete_dialog != NULL)
    ak_confirmation_close (self->delete_dialog);
  if (self->deleted_dialog != NULL)
    gtk_window_destroy (self->deleted_dialog);
  ak_key_list_set_search_text (self->key_list, NULL);
  ak_account_menu_set_current_account (self->account_menu, account);

  if (account == NULL)
    session = ak_account_session_new (NULL, NULL);
  else if (provider != NULL)
    session = ak_account_session_new_signed_in (account, provider);
  else
    session = ak_account_session_new (account, _ak_window_get_account_store (self));

  set_session (self, session);

  if (account == NULL)
    return;

  g_settings_set_string (self->settings, "last-account", ak_account_get_id (account));
  ak_account_session_start (session);
}

/**
 * ak_window_get_keys:
 * @self: an #AkWindow
 *
 * Returns: (transfer none): the #GListModel of the account's #AkKey
 */
GListModel *
ak_window_get_keys (AkWindow *self)
{
  g_return_val_if_fail (AK_IS_WINDOW (self), NULL);

  return ak_account_session_get_keys (self->session);
}

/**
 * ak_window_add_key:
 * @self: an #AkWindow
 * @key: a key just created
 *
 * Adds @key to the list without waiting for a refresh.
 */
void
ak_window_add_key (AkWindow *self,
                   AkKey    *key)
{
  g_return_if_fail (AK_IS_WINDOW (self));
  g_return_if_fail (AK_IS_KEY (key));

  ak_account_session_add_key (self->session, key);
}

/**
 * ak_window_refresh:
 * @self: an #AkWindow
 *
 * Lists the keys again, or signs in again where the last sign-in failed.
 */
void
ak_window_refresh (AkWindow *self)
{
  g_return_if_fail (AK_IS_WINDOW (self));

  ak_account_session_refresh (self->session);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account-menu.h"
#include "ak-account-session.h"
#include "ak-delete-dialog.h"
#include "ak-insecure-banner.h"
#include "ak-key-details-pane.h"
#include "ak-load-progress.h"
#include "ak-key-list.h"
#include "ak-window.h"

G_BEGIN_DECLS

struct _AkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwHeaderBar         *header_bar;
  GtkBox               *account_menu_slot;
  AkAccountMenu        *account_menu;
  GtkButton            *create_button;
  GtkToggleButton      *select_button;
  GtkStack             *title_stack;
  GtkToggleButton      *search_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  AkInsecureBanner     *insecure_banner;
  AkLoadProgress       *load_progress;
  GtkBox               *unreadable_bar;
  GtkLabel             *unreadable_label;
  GtkExpander          *unreadable_expander;
  GtkLabel             *unreadable_detail_label;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AkKeyList            *key_list;
  GtkRevealer          *details_revealer;
  AkKeyDetailsPane     *details_pane;
  GtkToggleButton      *details_button;
  AdwStatusPage        *error_page;
  GtkExpander          *error_expander;
  GtkLabel             *error_detail_label;
  AdwStatusPage        *signed_out_page;
  AdwStatusPage        *empty_page;
  GtkButton            *empty_create_button;
  GtkActionBar         *selection_bar;
  GtkButton            *delete_chosen_button;
  GMenu                *primary_menu;
  GMenuModel           *scope_menu;

  /* Owned references */
  GSettings            *settings;
  /* What the window shows: the account at work. Never NULL. */
  AkAccountSession     *session;
  GBinding             *page_binding;
  /* The toast shown about each key, by identity, for its next result to
   * update rather than queue behind. */
  GHashTable           *key_toasts;
  /* The identities of the keys in a batch on its way (deleted or restored
   * together), whose results are told once, for the whole batch. */
  GHashTable           *batch_keys;

  /* Weak references */
  AkConfirmation       *delete_dialog;
  GtkWindow            *account_dialog;
  GtkWindow            *deleted_dialog;
  GtkWindow            *history_window;

  /* Narrow: each key in one column, the scope switch in primary_menu */
  gboolean              narrow;
  gboolean              scope_in_menu;
  /* The details pane is open (win.show-details) */
  gboolean              details_shown;
  /* libadwaita 1.2: the window's width changed sides (ak-window.c) */
  guint                 narrow_source;
};

/* ak-window.c */
AkAccountStore *_ak_window_get_account_store    (AkWindow    *self);
void            _ak_window_show_toast           (AkWindow    *self,
                                                 AdwToast    *toast);

/* ak-window-actions.c */
void            _ak_window_add_actions          (AkWindow    *self);
void            _ak_window_update_actions       (AkWindow    *self);
void            _ak_window_sync_key_scope       (AkWindow    *self);
void            _ak_window_request_delete       (AkWindow    *self,
                                                 AkKeyKind    kind,
                                                 const char  *id);
void            _ak_window_start_delete         (AkWindow    *self,
                                                 AkKeyKind    kind,
                                                 const char  *id,
                                                 AkKey       *fallback);
void            _ak_window_show_key_result      (AkWindow    *self,
                                                 AkKeyResult *result);

/* ak-window-details.c */
void            _ak_window_add_details_actions  (AkWindow    *self);
void            _ak_window_update_details       (AkWindow    *self);

/* ak-window-selection.c */
void            _ak_window_add_selection_actions (AkWindow   *self);
void            _ak_window_update_selection     (AkWindow    *self);
gboolean        _ak_window_in_batch             (AkWindow    *self,
                                                 AkKey       *key);

G_END_DECLS

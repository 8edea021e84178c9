/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-account-menu.h"
#include "ak-delete-dialog.h"
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
  GtkStack             *title_stack;
  GtkToggleButton      *search_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AkKeyList            *key_list;
  AdwStatusPage        *error_page;
  GtkExpander          *error_expander;
  GtkLabel             *error_detail_label;
  AdwStatusPage        *signed_out_page;
  GtkButton            *empty_create_button;

  /* Owned references */
  GSettings            *settings;
  AkAccount            *account;
  AkProvider           *provider;
  GListStore           *keys;
  /* Everything for the account; cancelled on switch and dispose. */
  GCancellable         *cancellable;
  /* The sign-in or list in flight, which Cancel stops on its own. */
  GCancellable         *load_cancellable;
  /* Identities ("kind:id") of keys whose delete is on its way. */
  GHashTable           *deleting;
  /* Identities of keys deleted, to the load_serial of the time: a list
   * started before then may still name them. */
  GHashTable           *deleted;
  char                 *signed_out_reason;

  /* Weak references */
  AkConfirmation       *delete_dialog;
  GtkWindow            *account_dialog;

  gulong                features_handler;

  /* Bumped by every sign-in or list started, so a late answer to one that
   * was cancelled or superseded is recognised and dropped. */
  guint                 load_serial;
  guint                 signed_in : 1;
  guint                 refreshing : 1;
};

/* ak-window.c */
AkAccountStore *_ak_window_get_account_store    (AkWindow    *self);
void            _ak_window_set_state            (AkWindow    *self,
                                                 const char  *state);
void            _ak_window_show_signed_out      (AkWindow    *self,
                                                 const char  *description);
void            _ak_window_show_sign_in_refused (AkWindow    *self);
void            _ak_window_show_toast           (AkWindow    *self,
                                                 AdwToast    *toast);
void            _ak_window_sign_in              (AkWindow    *self);
void            _ak_window_load_keys            (AkWindow    *self);
void            _ak_window_cancel_loading       (AkWindow    *self);
AkKey          *_ak_window_find_key             (AkWindow    *self,
                                                 AkKeyKind    kind,
                                                 const char  *id,
                                                 guint       *position);
char           *_ak_window_key_identity         (AkKeyKind    kind,
                                                 const char  *id);
gboolean        _ak_window_is_sign_in_key       (AkWindow    *self,
                                                 AkKeyKind    kind,
                                                 const char  *id);

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

G_END_DECLS
